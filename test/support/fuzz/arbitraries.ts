// Generators of hostile input for the fuzz properties: strings with NUL, lone surrogates and control characters,
// Telegram updates of any shape, web chat and /api/ask requests, and files for `kb add`.
import fc from 'fast-check';

/** The characters that broke storage or display before: NUL, lone surrogates, C0/C1 controls, BOM, bidi, CR. */
const NASTY_UNITS = [
  '\u0000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0085',
  '\u009F',
  '\uFFFE',
  '\uFFFF',
  '\uFEFF',
  '\u200B',
  '\u202E',
  '\r',
  '\n',
  '\t',
  ' ',
];
/** Pieces of what residents really type, so that hostile text also goes down the deeper paths (intake, lookup…). */
const WORDS = [
  'Tôi',
  'muốn',
  'gửi phản ánh',
  'khiếu nại',
  'tố cáo',
  'đường',
  'bị ngập',
  'lệ phí',
  'đăng ký khai sinh',
  'bao nhiêu',
  '?',
  'PA-2611-7K3QXW',
  'xóa dữ liệu',
  '/start',
  '/tracuu ',
  'hủy',
  'e\u0301',
  'ệ',
  '😀',
  '👍',
  '<b>',
  "'; DROP TABLE",
  '%00',
  '\\u0000',
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** What a browser can send in a URL: encodeURIComponent refuses lone surrogates. */
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

/** Any UTF-16 string at all, lone surrogates included. */
export const binaryString = (maxLength = 200) => fc.string({ unit: 'binary', maxLength });

/** Strings made of the dangerous characters and resident words, mixed. */
export const nastyString = (maxLength = 60) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_UNITS, ...WORDS), maxLength }) },
    { weight: 2, arbitrary: binaryString(maxLength * 2) },
    { weight: 1, arbitrary: fc.string({ maxLength }) },
    { weight: 1, arbitrary: fc.constant('') },
  );

/** Now and then a very long string: 5,000–20,000 units of one character or of junk. */
export const maybeLongString = fc.oneof(
  { weight: 9, arbitrary: nastyString() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(nastyString(8), fc.integer({ min: 625, max: 2500 }))
      .map(([s, n]) => (s === '' ? 'a' : s).repeat(n).slice(0, 20_000)),
  },
);

/** A value of any type where a string is expected. */
const anyField = fc.oneof({ weight: 6, arbitrary: nastyString() }, { weight: 1, arbitrary: fc.anything() });

const chat = fc.record(
  {
    id: fc.oneof(fc.integer(), fc.constantFrom('4242', '-1001', '99999999999999999999'), fc.anything()),
    type: fc.oneof(fc.constant('private'), fc.constant('private'), fc.constant('group'), fc.anything()),
  },
  { requiredKeys: [] },
);
const person = fc.record(
  { id: fc.oneof(fc.integer(), fc.anything()), first_name: anyField, last_name: anyField, username: anyField },
  { requiredKeys: [] },
);
const media = fc.record({ file_id: anyField, file_name: anyField, mime_type: anyField }, { requiredKeys: [] });
const keyboard = fc.array(fc.array(fc.record({ text: anyField, callback_data: anyField }, { requiredKeys: [] })), {
  maxLength: 3,
});

const telegramMessage = fc.record(
  {
    message_id: fc.oneof(fc.nat(), fc.anything()),
    date: fc.nat(),
    chat,
    from: person,
    text: maybeLongString,
    caption: anyField,
    document: media,
    photo: fc.oneof(fc.array(media, { maxLength: 3 }), fc.anything()),
    sticker: media,
    voice: media,
    video: media,
    contact: fc.record({ phone_number: anyField, first_name: anyField, last_name: anyField }, { requiredKeys: [] }),
    location: fc.record(
      { latitude: fc.oneof(fc.double(), fc.anything()), longitude: fc.oneof(fc.double(), fc.anything()) },
      { requiredKeys: [] },
    ),
    reply_markup: fc.record({ inline_keyboard: keyboard }),
  },
  { requiredKeys: ['chat'] },
);

/** A Telegram update: well-formed ones with hostile fields, half-formed ones, and any JSON at all. */
export const telegramUpdate: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ update_id: fc.nat(), message: telegramMessage }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      update_id: fc.nat(),
      callback_query: fc.record(
        {
          id: anyField,
          data: anyField,
          from: person,
          message: fc.record(
            { message_id: fc.nat(), chat, reply_markup: fc.record({ inline_keyboard: keyboard }) },
            {
              requiredKeys: [],
            },
          ),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        update_id: fc.anything(),
        message: fc.anything(),
        callback_query: fc.anything(),
        edited_message: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** A Zalo OA webhook event: well-formed ones with hostile fields (19-digit ids as strings or numbers), and any JSON. */
const zaloId = fc.oneof(fc.bigInt({ min: 10n ** 18n, max: 10n ** 19n - 1n }).map(String), fc.nat(), anyField);
const zaloAttachment = fc.record(
  {
    type: fc.oneof(fc.constantFrom('image', 'gif', 'file', 'sticker', 'location', 'link', 'audio', 'video'), anyField),
    payload: fc.record(
      {
        url: fc.oneof(fc.webUrl(), anyField),
        name: anyField,
        size: fc.oneof(fc.nat(), anyField),
        coordinates: fc.record(
          { latitude: fc.oneof(fc.double(), anyField), longitude: fc.oneof(fc.double(), anyField) },
          { requiredKeys: [] },
        ),
        title: anyField,
        description: anyField,
        id: anyField,
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
export const zaloEvent: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        app_id: zaloId,
        event_name: fc.oneof(
          fc.constantFrom(
            'user_send_text',
            'user_send_image',
            'user_send_file',
            'user_send_sticker',
            'user_send_location',
            'user_send_link',
            'user_send_business_card',
            'follow',
            'unfollow',
            'user_submit_info',
            'user_seen_message',
            'oa_send_text',
          ),
          anyField,
        ),
        timestamp: fc.oneof(fc.nat().map(String), fc.nat(), anyField),
        sender: fc.record({ id: zaloId }, { requiredKeys: [] }),
        recipient: fc.record({ id: zaloId }, { requiredKeys: [] }),
        follower: fc.record({ id: zaloId }, { requiredKeys: [] }),
        user_id_by_app: zaloId,
        message: fc.record(
          { msg_id: anyField, text: maybeLongString, attachments: fc.array(zaloAttachment, { maxLength: 3 }) },
          { requiredKeys: [] },
        ),
        info: fc.record(
          { name: anyField, phone: anyField, address: anyField, city: anyField, district: anyField, ward: anyField },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** What a page or an app may post to /api/chat/messages, as the parsed JSON the route validates. */
export const webPost = fc.record(
  { text: maybeLongString, action: nastyString(), clientMessageId: nastyString(40) },
  { requiredKeys: [] },
);

export interface RawRequest {
  contentType: string | undefined;
  body: string | Uint8Array;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
];

/** A request body as it arrives: JSON of the right shape, JSON of any shape, broken JSON, form data, raw bytes. */
export const chatRequest: fc.Arbitrary<RawRequest> = fc.record({
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  body: fc.oneof(
    { weight: 6, arbitrary: webPost.map((p) => JSON.stringify(p)) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: nastyString(200) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  ),
});

/** Percent-encoded bytes of any value: invalid UTF-8, %00, overlong sequences. */
const percentBytes = fc
  .uint8Array({ maxLength: 120 })
  .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
/** A query string as typed into a browser, or junk: `q=…&focus=…`, with raw `%` signs and bytes. */
const queryValue = fc.oneof(
  nastyString().map((s) => encodeURIComponent(wellFormed(s))),
  percentBytes,
  fc.string({ unit: fc.constantFrom('%', 'Z', '0', '&', '=', '+', '#', 'a', 'ệ'), maxLength: 30 }),
);

export type AskRequest =
  | { method: 'GET'; query: string }
  | { method: 'POST'; contentType: string | undefined; body: string | Uint8Array };

export const askRequest: fc.Arbitrary<AskRequest> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ q: fc.option(queryValue), focus: fc.option(queryValue) }).map(({ q, focus }) => ({
      method: 'GET' as const,
      query: [q === null ? undefined : `q=${q}`, focus === null ? undefined : `focus=${focus}`]
        .filter(Boolean)
        .join('&'),
    })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      method: fc.constant('POST' as const),
      contentType: fc.constantFrom(...CONTENT_TYPES, undefined),
      body: fc.oneof(
        fc.record({ q: anyField, focus: anyField }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        nastyString(200),
        fc.uint8Array({ maxLength: 300 }),
        fc
          .record({ q: nastyString(), focus: nastyString(10) })
          .map(
            ({ q, focus }) => `q=${encodeURIComponent(wellFormed(q))}&focus=${encodeURIComponent(wellFormed(focus))}`,
          ),
      ),
    }),
  },
);

/** The fields of a procedure record from the national portal, as `kb add` reads them. */
const PROCEDURE_FIELDS = [
  'ma_thu_tuc',
  'ten_thu_tuc',
  'detail_url',
  'cap_thuc_hien',
  'linh_vuc',
  'co_quan_thuc_hien',
  'trinh_tu_thuc_hien',
  'cach_thuc_thuc_hien',
  'thanh_phan_ho_so',
  'yeu_cau_dieu_kien',
  'can_cu_phap_ly',
  'ket_qua_xu_ly',
  'raw_text',
] as const;

/** Text with hostile characters among real words, for files that decode and parse. */
const documentText = fc
  .array(fc.oneof(nastyString(30), fc.constantFrom('\n# Điều 1. Phạm vi\n', 'Thủ tục đăng ký khai sinh. ', '\n\n')), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const procedureRecord = fc
  .record(
    Object.fromEntries(PROCEDURE_FIELDS.map((k) => [k, fc.oneof(documentText, fc.anything())])) as Record<
      (typeof PROCEDURE_FIELDS)[number],
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  )
  .chain((record) =>
    fc.constantFrom('1.000001', '\u0000', '1.00\uD8000', '').map((code) => ({ ma_thu_tuc: code, ...record })),
  );

const utf8 = (s: string) => new TextEncoder().encode(s);
/** JSON.stringify keeps lone surrogates as \ud800 escapes: what a tool exporting broken text writes. */
const json = (v: unknown) => utf8(JSON.stringify(v) ?? 'null');

export interface KbFile {
  extension: string;
  bytes: Uint8Array;
}

/** A file for `kb add`: random bytes under any supported name, or text that decodes and parses with junk inside. */
export const kbFile = (extensions: readonly string[]): fc.Arbitrary<KbFile> =>
  fc.record({
    extension: fc.constantFrom(...extensions),
    bytes: fc.oneof(
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
      { weight: 2, arbitrary: documentText.map(utf8) },
      { weight: 2, arbitrary: procedureRecord.map(json) },
      {
        weight: 2,
        arbitrary: fc
          .array(
            fc.oneof(
              fc.record({
                code: nastyString(12),
                title: documentText,
                text: documentText,
                kind: anyField,
                url: anyField,
              }),
              fc.jsonValue(),
            ),
            { maxLength: 4 },
          )
          .map((rows) => utf8(rows.map((r) => JSON.stringify(r)).join('\n'))),
      },
      {
        weight: 1,
        arbitrary: documentText.map((t) =>
          utf8(`<html><head><title>${t}</title></head><body><h1>${t}</h1><p>${t}&#0;&#xD800;&#x1F;</p></body></html>`),
        ),
      },
      { weight: 1, arbitrary: fc.constant(utf8('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF')) },
      { weight: 1, arbitrary: fc.constant(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])) },
    ),
  });
