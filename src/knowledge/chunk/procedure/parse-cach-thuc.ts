// Re-parses the run-together `cach_thuc_thuc_hien` cell of a national procedure record
// ("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(…)Trực tiếp…")
// into rows of {channel, time, fee, description}, and renders them back as readable Vietnamese lines.

/** One way of submitting a procedure, as the portal lists it. Texts are quoted from the source. */
export interface SubmissionRow {
  /** Trực tiếp | Trực tuyến | Dịch vụ bưu chính */
  channel: string;
  /** "7 Ngày làm việc", "30 Ngày", "Không có thông tin", or a bare number when the source gives no unit. */
  time: string;
  /** "Miễn phí", "10,000 Việt Nam Đồng", "135 VNĐ", "Không có thông tin", or "" when the cell gives none. */
  fee: string;
  /** The free-text description, outer parentheses removed ("" when none). */
  description: string;
  /**
   * Set when `time` is a bare number and the unit was found elsewhere in the record: where ("trình tự thực
   * hiện"), or the words found there when they give no number ("ngay trong ngày").
   */
  unitFrom?: { field: string; words?: string | undefined } | undefined;
}

const HEADER = /^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả/u;
const NO_INFO = 'Không có thông tin';
// A channel name starts a row only when a time cell follows it; descriptions often say "Trực tiếp tại …".
const ROW_START = /(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\s*(?:\d|Không có thông tin))/gu;
// A few records give the time as words ("Không quy định", "Không phải trả kết quả…"): when no row has a
// numeric time, a channel name followed by a capital letter starts a row and the fee cell ends the time.
const LOOSE_ROW_START = /(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\s*\p{Lu})/gu;
const TIME = /^\s*(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần|Phút)?/u;
const CURRENCY = '(?:Việt Nam Đồng|VNĐ|đồng|USD|Đô la Mỹ)';
const FEE = new RegExp(String.raw`^\s*(Miễn phí|Không có thông tin|\d[\d.,]*\s*${CURRENCY}|${CURRENCY})`, 'u');
const RUN_TOGETHER_FEE = new RegExp(String.raw`^\s*(\d[\d.,]*)\s*(${CURRENCY})`, 'u');
const FEE_ANYWHERE = new RegExp(String.raw`Miễn phí|Không có thông tin|\d[\d.,]*\s*${CURRENCY}`, 'u');

function digitsOnly(text: string): string {
  return text.replace(/\D/g, '');
}

/** True when the description states this amount, as written or in thousands ("20" ↔ "20.000"). */
function descriptionStates(description: string, amount: string): boolean {
  const figures = (description.match(/\d[\d.,]*/g) ?? []).map(digitsOnly);
  const value = digitsOnly(amount);
  return figures.includes(value) || figures.includes(`${value}000`);
}

/**
 * A time without unit glued to a fee ("1100 VNĐ" = time "1", fee "100 VNĐ"): pick the split whose fee the
 * description confirms, else the first digit as the time (the portal's unit-less times are 1–5).
 */
function splitTimeAndFee(number: string, currency: string, description: string): { time: string; fee: string } {
  const candidates: Array<{ time: string; fee: string }> = [];
  for (let k = 1; k < number.length; k++) {
    const time = number.slice(0, k);
    const fee = number.slice(k);
    if (!/^\d+$/.test(time) || !/^[1-9]/.test(fee)) continue;
    candidates.push({ time, fee: `${fee} ${currency}` });
  }
  const confirmed = candidates.find((c) => descriptionStates(description, c.fee));
  return confirmed ?? candidates[0] ?? { time: number, fee: '' };
}

/**
 * "135 VNĐ" where the description says "135.000 đồng": the table cell was written in thousands. Only when the
 * description states the thousands and not the small figure; otherwise the cell is kept as it is.
 */
function inThousands(fee: string, description: string): string {
  const cell = /^(\d{1,3})\s+(.*)$/u.exec(fee);
  if (!cell) return fee;
  const value = cell[1] as string;
  const figures = (description.match(/\d[\d.,]*/g) ?? []).map(digitsOnly);
  if (figures.includes(value) || !figures.includes(`${value}000`)) return fee;
  return `${value}.000 ${cell[2]}`;
}

function stripOuterParentheses(text: string): string {
  const t = text.trim();
  if (!t.startsWith('(') || !t.endsWith(')')) return t;
  // Only when the first "(" closes at the very end: "(a) b (c)" keeps its brackets.
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')') {
      depth--;
      if (depth === 0 && i < t.length - 1) return t;
    }
  }
  return t.slice(1, -1).trim();
}

function parseRow(channel: string, cell: string): SubmissionRow {
  let rest = cell;
  let time = '';
  if (rest.trimStart().startsWith(NO_INFO)) {
    time = NO_INFO;
    rest = rest.trimStart().slice(NO_INFO.length);
  } else {
    const match = TIME.exec(rest);
    if (match) {
      const [whole, number = '', unit] = match;
      const glued = unit ? null : RUN_TOGETHER_FEE.exec(rest);
      if (glued) {
        const after = rest.slice(glued[0].length);
        const split = splitTimeAndFee(glued[1] as string, glued[2] as string, after);
        return { channel, time: split.time, fee: split.fee, description: stripOuterParentheses(after) };
      }
      time = unit ? `${number} ${unit}` : number;
      rest = rest.slice(whole.length);
    }
  }
  const feeMatch = FEE.exec(rest);
  const description = stripOuterParentheses(feeMatch ? rest.slice(feeMatch[0].length) : rest);
  const fee = inThousands(feeMatch ? (feeMatch[1] as string).replace(/\s+/g, ' ').trim() : '', description);
  return { channel, time, fee, description };
}

/** A row whose time is words: the time runs up to the fee cell. */
function parseLooseRow(channel: string, cell: string): SubmissionRow {
  const fee = FEE_ANYWHERE.exec(cell);
  if (!fee) return { channel, time: cell.trim(), fee: '', description: '' };
  return {
    channel,
    time: cell.slice(0, fee.index).trim(),
    fee: fee[0].replace(/\s+/g, ' '),
    description: stripOuterParentheses(cell.slice(fee.index + fee[0].length)),
  };
}

/** Rows of a `cach_thuc_thuc_hien` cell; [] when it lists none. */
export function parseCachThuc(cell: string): SubmissionRow[] {
  const body = cell.replace(/\s+/g, ' ').replace(HEADER, '');
  let starts = [...body.matchAll(ROW_START)];
  const loose = starts.length === 0;
  if (loose) starts = [...body.matchAll(LOOSE_ROW_START)];
  return starts.map((match, i) => {
    const from = (match.index ?? 0) + (match[1] as string).length;
    const to = starts[i + 1]?.index ?? body.length;
    const rowCell = body.slice(from, to);
    return loose ? parseLooseRow(match[1] as string, rowCell) : parseRow(match[1] as string, rowCell);
  });
}

function describeTime(row: SubmissionRow): string {
  const { time, unitFrom } = row;
  if (time === '' || time === NO_INFO) return 'thời hạn: không có thông tin';
  if (/^\d+(?:[.,]\d+)?$/.test(time)) {
    if (unitFrom?.words) return `thời hạn: ${time} (bảng không ghi đơn vị; ${unitFrom.field} ghi: "${unitFrom.words}")`;
    return `thời hạn: ${time} (hồ sơ thủ tục không ghi đơn vị)`;
  }
  if (unitFrom) return `${time} (đơn vị theo ${unitFrom.field})`;
  return /^\d/.test(time) ? time : `thời hạn: ${time}`;
}

const UNITS = '(Ngày làm việc|ngày làm việc|Ngày|ngày|Giờ làm việc|giờ làm việc|Giờ|giờ|Tháng|tháng)';
const SAME_DAY = /ngay trong ngày(?: làm việc)?|trong ngày làm việc|ngay sau khi[^.;,]{0,60}/u;

/**
 * Rows whose time is a bare number ("1", the portal's table lost the unit): the unit the record states for that
 * number elsewhere ("03 ngày làm việc" in the description or the steps), or the same-day words the steps use
 * ("ngay trong ngày"). `fields` are [name, text] pairs, searched in order.
 */
export function findTimeUnits(
  rows: SubmissionRow[],
  fields: ReadonlyArray<[string, string | undefined]>,
): SubmissionRow[] {
  return rows.map((row) => {
    if (!/^\d+$/.test(row.time)) return row;
    const number = Number(row.time);
    const places: Array<[string, string]> = [
      ['mô tả', row.description],
      ...fields.filter((f): f is [string, string] => Boolean(f[1])),
    ];
    for (const [field, text] of places) {
      const found = new RegExp(String.raw`(?<![\d.,/])0*${number}\s*(?:\([^)]{1,12}\)\s*)?${UNITS}`, 'u').exec(text);
      if (found) {
        const unit = (found[1] as string).replace(/^./u, (c) => c.toUpperCase());
        return { ...row, time: `${number} ${unit}`, unitFrom: { field } };
      }
    }
    if (number === 1)
      for (const [field, text] of places) {
        const words = SAME_DAY.exec(text)?.[0];
        if (words) return { ...row, unitFrom: { field, words: words.trim() } };
      }
    return row;
  });
}

function describeFee(fee: string): string {
  if (fee === '') return '';
  if (fee === NO_INFO) return 'phí, lệ phí: không có thông tin';
  return `phí, lệ phí: ${fee}`;
}

/**
 * Readable lines, one per distinct (time, fee, description), channels sharing them joined:
 * "Trực tuyến: 7 Ngày làm việc; phí, lệ phí: 10,000 Việt Nam Đồng (Trường hợp … thu 10.000 đồng/lần …)".
 */
export function describeSubmissionRows(rows: SubmissionRow[]): string[] {
  const groups = new Map<string, { channels: string[]; row: SubmissionRow }>();
  for (const row of rows) {
    const key = `${row.time}\u0000${row.unitFrom?.field ?? ''}\u0000${row.fee}\u0000${row.description}`;
    const group = groups.get(key);
    if (group) {
      if (!group.channels.includes(row.channel)) group.channels.push(row.channel);
    } else {
      groups.set(key, { channels: [row.channel], row });
    }
  }
  return [...groups.values()].map(({ channels, row }) => {
    const parts = [describeTime(row), describeFee(row.fee)].filter((p) => p !== '');
    const description = row.description && row.description !== NO_INFO ? ` (${row.description})` : '';
    return `${channels.join(', ')}: ${parts.join('; ')}${description}`;
  });
}
