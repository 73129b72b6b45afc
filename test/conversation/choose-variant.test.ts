// Asking back which variant is meant, through the engine with the real knowledge path (loader, lexical search,
// extractive answers) over a few hand-written records shaped like the national ones.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createAnswerer,
  createExtractiveWriter,
  createMemoryKnowledgeStore,
  loadDocuments,
  openKnowledgeSearch,
} from '../../src/knowledge/index.js';
import { button, createHarness, type Harness, textOf } from './harness.js';

function record(code: string, name: string, fee: string, days: string, papers: string) {
  return {
    ma_thu_tuc: code,
    detail_url: `https://dichvucong.gov.vn/thu-tuc-hanh-chinh/${code}`,
    ten_thu_tuc: name,
    cap_thuc_hien: 'Cấp tỉnh',
    linh_vuc: 'Đường bộ',
    doi_tuong_thuc_hien: 'Công dân Việt Nam, Doanh nghiệp',
    co_quan_thuc_hien: 'Sở Xây dựng',
    trinh_tu_thuc_hien: 'Bước 1: Nộp hồ sơ tại Sở Xây dựng.\nBước 2: Sở Xây dựng thẩm định và trả kết quả.',
    cach_thuc_thuc_hien: `Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp${days}Lệ phí : ${fee}Nộp tại Sở Xây dựng`,
    thanh_phan_ho_so: `--Tên giấy tờMẫu đơn, tờ khaiSố lượng${papers}1 bản chính`,
    yeu_cau_dieu_kien: 'Không có thông tin',
    ket_qua_xu_ly: 'Giấy phép vận tải qua biên giới',
    can_cu_phap_ly: 'Nghị định 119/2021/NĐ-CP',
  };
}

const RECORDS = [
  // named like 1.013069 / 1.013070 ("Cấp mới…" / "Cấp lại…"): the two score alike on a question naming neither
  record(
    '1.004261',
    'Cấp mới Giấy phép vận tải qua biên giới',
    '200.000 đồng',
    '05 Ngày làm việc',
    'Đơn đề nghị cấp mới giấy phép',
  ),
  record(
    '1.004259',
    'Cấp lại Giấy phép vận tải qua biên giới',
    '50.000 đồng',
    '02 Ngày làm việc',
    'Đơn đề nghị cấp lại giấy phép',
  ),
  record('1.000001', 'Cấp phù hiệu xe taxi', '30.000 đồng', '02 Ngày làm việc', 'Giấy đề nghị cấp phù hiệu'),
  record('1.000002', 'Đăng ký khai sinh', 'Miễn lệ phí', 'Trong ngày', 'Tờ khai đăng ký khai sinh'),
];

describe('asking back which variant is meant', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tiepdan-variants-'));
    for (const r of RECORDS) await writeFile(path.join(dir, `${r.ma_thu_tuc}.json`), JSON.stringify(r));
    const { documents } = await loadDocuments([dir], { root: dir });
    const store = createMemoryKnowledgeStore();
    await store.upsertDocuments(documents);
    const search = await openKnowledgeSearch({ store });
    const answerer = createAnswerer({
      retriever: search.retriever,
      writer: createExtractiveWriter({ synonyms: () => search.synonyms() }),
    });
    h = await createHarness({ answerer });
  });
  afterAll(async () => {
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const QUESTION = 'Lệ phí giấy phép vận tải qua biên giới là bao nhiêu?';

  test('the bot asks once with a button per variant; the pressed one gets its own fee', async () => {
    const asked = await h.send('press', QUESTION);
    expect(asked[0]?.text).toBe('Bạn làm lần đầu hay cấp lại?');
    expect(asked[0]?.quickReplies.map((q) => q.label)).toEqual(['Lần đầu', 'Cấp lại', 'Hủy']);

    const again = await h.send('press', { action: button(asked, 'Cấp lại') });
    expect(textOf(again)).toContain('50.000 đồng');
    expect(textOf(again)).not.toContain('200.000 đồng');
    expect(textOf(again)).toContain('1.004259');
  });

  test('typing the option number or the variant word works too', async () => {
    await h.send('number', QUESTION);
    const first = await h.send('number', '1');
    expect(textOf(first)).toContain('200.000 đồng');
    expect(textOf(first)).toContain('1.004261');

    await h.send('word', QUESTION);
    const word = await h.send('word', 'cấp lại');
    expect(textOf(word)).toContain('50.000 đồng');

    await h.send('words', QUESTION);
    const sentence = await h.send('words', 'tôi làm lần đầu');
    expect(textOf(sentence)).toContain('200.000 đồng');
  });

  test('a resident who asks something else is answered normally; the same question again is not asked back', async () => {
    const asked = await h.send('other', QUESTION);
    expect(asked[0]?.text).toBe('Bạn làm lần đầu hay cấp lại?');
    const other = await h.send('other', 'Đăng ký khai sinh cần giấy tờ gì?');
    expect(textOf(other)).toContain('Tờ khai đăng ký khai sinh');
    expect(textOf(other)).not.toContain('lần đầu hay cấp lại');

    await h.send('repeat', QUESTION);
    const repeated = await h.send('repeat', QUESTION);
    expect(textOf(repeated)).not.toContain('lần đầu hay cấp lại');
    expect(textOf(repeated)).toMatch(/Lệ phí : (200|50)\.000 đồng/);
  });

  test('words that choose the variant: answered at once, no question', async () => {
    const lost = await h.send('lost', 'Giấy phép vận tải qua biên giới bị mất, lệ phí làm lại bao nhiêu?');
    expect(textOf(lost)).not.toContain('lần đầu hay cấp lại');
    expect(textOf(lost)).toContain('50.000 đồng');
  });
});
