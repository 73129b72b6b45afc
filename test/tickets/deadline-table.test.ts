// Table of time limits computed by hand from the law and the official calendars, each naming its source, checked
// against the desk's rules (settings/deadlines.yaml, settings/holidays.yaml) through the `tickets deadline` use case.
//
// Calendar used by hand (settings/holidays.yaml):
//   2025 off: 1/1, 27–31/1 (Tết), 7/4, 30/4, 1/5, 2/5 (swap), 1/9, 2/9; Saturday 26/4 worked (TB 6150/TB-BLĐTBXH).
//   2026 off: 1/1, 2/1 (swap), 16–20/2 (Tết), 27/4 (nghỉ bù Giỗ Tổ), 30/4, 1/5, 31/8 (swap), 1/9, 2/9;
//         Saturdays 10/1 (công văn 12729/VPCP-KGVX) and 22/8 worked.
//   2027 off (computed, to be confirmed): 1/1, 4–5/2 and 8–10/2 (Tết), 16/4, 30/4, 3/5, 2/9, 3/9.
// Working days start the day after the event (BLDS 2015 Art. 147(1)); "ngày" of the Laws on Complaints and on
// Denunciations are calendar days, a last day off moving to the next working day (BLDS 2015 Art. 148(5)).
import { describe, expect, it } from 'vitest';
import { type DeadlineReport, type ExplainDeadlinesInput, explainDeadlines } from '../../src/tickets/index.js';
import { repoSettings } from './helpers.js';

type Dates = Partial<Pick<DeadlineReport, 'acknowledgeBy' | 'dueBy' | 'forwardBy' | 'notifyBy' | 'appealBy'>>;

interface Case {
  name: string;
  source: string;
  input: ExplainDeadlinesInput;
  expect: Dates & { rules?: string[]; verify?: boolean; extendedDate?: string; dueByIsCommitment?: boolean };
}

const LTCD28 = 'Luật Tiếp công dân 2013, Điều 28';
const LKN27 = 'Luật Khiếu nại 2011, Điều 27; NĐ 124/2020 Điều 16(1); TT 07/2013 Điều 5';
const LKN28 = 'Luật Khiếu nại 2011, Điều 28; BLDS 2015 Điều 148(5)';
const LKN33 = 'Luật Khiếu nại 2011, Điều 33';
const LKN37 = 'Luật Khiếu nại 2011, Điều 37; BLDS 2015 Điều 148(5)';
const LTC24 = 'Luật Tố cáo 2018, Điều 24';
const LTC29 = 'Luật Tố cáo 2018, Điều 29(3); NĐ 31/2019 Điều 9(2)';
const LTC30 = 'Luật Tố cáo 2018, Điều 30; BLDS 2015 Điều 148(5)';
const NEW_2026 = 'NĐ 155/2026 Điều 10 (sửa NĐ 124/2020 Điều 16(1)), hiệu lực 01/7/2026 — chưa đối chiếu';

const CASES: Case[] = [
  // ── petitions: Law on Citizen Reception Art. 28, and the province's commitment per category ──
  {
    name: 'petition received Mon 5/1/2026: the worked Saturday 10/1 counts (16/1, not 19/1)',
    source: `${LTCD28}; công văn 12729/VPCP-KGVX`,
    input: { kind: 'petition', received: '2026-01-05' },
    expect: { acknowledgeBy: '2026-01-16', dueBy: null, rules: ['phan-anh-thong-bao'] },
  },
  {
    name: 'petition received Mon 5/1/2026, 5-day category: the answer falls ON the worked Saturday 10/1',
    source: `commitment (categories.yaml giao-thong: 5 ngày làm việc); công văn 12729/VPCP-KGVX`,
    input: { kind: 'petition', received: '2026-01-05', category: 'giao-thong' },
    expect: { acknowledgeBy: '2026-01-16', dueBy: '2026-01-10', dueByIsCommitment: true },
  },
  {
    name: 'petition received Wed 31/12/2025: 1/1 and the swapped 2/1 skipped',
    source: `${LTCD28}; BLLĐ 2019 Điều 112; công văn 12729/VPCP-KGVX`,
    input: { kind: 'petition', received: '2025-12-31', category: 'giao-thong' },
    expect: { acknowledgeBy: '2026-01-15', dueBy: '2026-01-09' },
  },
  {
    name: 'petition received Thu 24/4/2025: Saturday 26/4/2025 worked, 30/4–2/5 off',
    source: `${LTCD28}; Thông báo 6150/TB-BLĐTBXH (Công văn 8726/VPCP-KGVX)`,
    input: { kind: 'petition', received: '2025-04-24', category: 'giao-thong' },
    expect: { acknowledgeBy: '2025-05-12', dueBy: '2025-05-05' },
  },
  {
    name: 'petition on administrative regulations received Fri 21/8/2026: forward within 5 working days, Sat 22/8 worked',
    source:
      'NĐ 20/2008 (sửa đổi bởi NĐ 48/2013): chuyển trong 05 ngày làm việc; quyết định của Thủ tướng (22/8 làm bù)',
    input: { kind: 'petition', received: '2026-08-21', category: 'thu-tuc-hanh-chinh' },
    expect: {
      forwardBy: '2026-08-27',
      acknowledgeBy: '2026-09-08',
      dueBy: '2026-08-27',
      rules: ['phan-anh-chuyen-nd20'],
    },
  },
  {
    name: 'petition received Wed 3/2/2027 across the computed Tết 2027 (rule from 1/7/2026, to be verified)',
    source: `${LTCD28} (sửa đổi bởi Luật 136/2025/QH15 — chưa đối chiếu); Tết 2027 do máy tính`,
    input: { kind: 'petition', received: '2027-02-03' },
    expect: { acknowledgeBy: '2027-02-24', verify: true, rules: ['phan-anh-thong-bao-2026'] },
  },

  // ── complaints: acceptance ──
  {
    name: 'complaint received Thu 12/2/2026, accepted within 10 working days across Tết 2026',
    source: `${LKN27}; lịch nghỉ Tết Bính Ngọ 14–22/02/2026`,
    input: { kind: 'complaint', received: '2026-02-12' },
    expect: { acknowledgeBy: '2026-03-05', dueBy: null },
  },
  {
    name: 'complaint received Fri 24/1/2025 across Tết 2025',
    source: `${LKN27}; Thông báo 6150/TB-BLĐTBXH (Tết 25/01–02/02/2025)`,
    input: { kind: 'complaint', received: '2025-01-24' },
    expect: { acknowledgeBy: '2025-02-14' },
  },
  {
    name: 'complaint received Tue 30/6/2026, the day before NĐ 155/2026: keeps 10 working days',
    source: LKN27,
    input: { kind: 'complaint', received: '2026-06-30' },
    expect: { acknowledgeBy: '2026-07-14', verify: false, rules: ['khieu-nai-thu-ly-lan-dau'] },
  },
  {
    name: 'complaint received Wed 1/7/2026, the day NĐ 155/2026 takes effect: 7 working days, flagged',
    source: NEW_2026,
    input: { kind: 'complaint', received: '2026-07-01' },
    expect: { acknowledgeBy: '2026-07-10', verify: true, rules: ['khieu-nai-thu-ly-2026'] },
  },
  {
    name: 'second-time complaint received Tue 30/6/2026: Art. 36, 10 working days',
    source: 'Luật Khiếu nại 2011, Điều 36; NĐ 124/2020 Điều 16(1)',
    input: { kind: 'complaint', received: '2026-06-30', second: true },
    expect: { acknowledgeBy: '2026-07-14', rules: ['khieu-nai-thu-ly-lan-hai'] },
  },
  {
    name: 'complaint received Wed 3/2/2027 (after the amendment) across the computed Tết 2027',
    source: `${NEW_2026}; Tết 2027 do máy tính`,
    input: { kind: 'complaint', received: '2027-02-03' },
    expect: { acknowledgeBy: '2027-02-19', verify: true },
  },

  // ── complaints: settlement (calendar days from acceptance) ──
  {
    name: 'complaint accepted Mon 2/3/2026: 30 days',
    source: LKN28,
    input: { kind: 'complaint', received: '2026-02-25', accepted: '2026-03-02' },
    expect: { dueBy: '2026-04-01', appealBy: '2026-05-04' },
  },
  {
    name: 'complaint accepted Mon 19/1/2026: day 30 is 18/2 in Tết, ends Monday 23/2',
    source: `${LKN28}; lịch nghỉ Tết Bính Ngọ`,
    input: { kind: 'complaint', received: '2026-01-15', accepted: '2026-01-19' },
    expect: { dueBy: '2026-02-23' },
  },
  {
    name: 'remote complaint accepted Mon 19/1/2026: 45 days',
    source: LKN28,
    input: { kind: 'complaint', received: '2026-01-15', accepted: '2026-01-19', remote: true },
    expect: { dueBy: '2026-03-05' },
  },
  {
    name: 'complex complaint accepted Thu 2/4/2026: 45 days end on Sunday 17/5, so Monday 18/5',
    source: LKN28,
    input: { kind: 'complaint', received: '2026-03-30', accepted: '2026-04-02', complex: true },
    expect: { dueBy: '2026-05-18' },
  },
  {
    name: 'complaint accepted Wed 1/4/2026: day 30 is 1/5 (holiday), then the weekend: Monday 4/5',
    source: `${LKN28}; BLLĐ 2019 Điều 112 (30/4, 1/5)`,
    input: { kind: 'complaint', received: '2026-03-27', accepted: '2026-04-01' },
    expect: { dueBy: '2026-05-04' },
  },
  {
    name: 'complaint "extended" once (complex) accepted Wed 1/4/2026: 45 days, Saturday 16/5 → Monday 18/5',
    source: LKN28,
    input: { kind: 'complaint', received: '2026-03-27', accepted: '2026-04-01', extensions: 1 },
    expect: { dueBy: '2026-05-18' },
  },
  {
    name: 'remote complex complaint accepted Tue 30/12/2025: 60 days end Saturday 28/2/2026, so Monday 2/3',
    source: LKN28,
    input: { kind: 'complaint', received: '2025-12-22', accepted: '2025-12-30', remote: true, complex: true },
    expect: { dueBy: '2026-03-02' },
  },
  {
    name: 'complaint accepted Fri 1/8/2025: day 30 is Sunday 31/8, then 1/9 and 2/9 off: Wednesday 3/9/2025',
    source: `${LKN28}; Thông báo 6150/TB-BLĐTBXH (Quốc khánh 30/8–2/9/2025)`,
    input: { kind: 'complaint', received: '2025-07-28', accepted: '2025-08-01' },
    expect: { dueBy: '2025-09-03' },
  },
  {
    name: 'complaint accepted Wed 6/1/2027: day 30 is 5/2 in the computed Tết 2027: Thursday 11/2',
    source: `${LKN28}; Tết 2027 do máy tính`,
    input: { kind: 'complaint', received: '2027-01-04', accepted: '2027-01-06' },
    expect: { dueBy: '2027-02-11' },
  },

  // ── second-time complaints ──
  {
    name: 'second-time complaint accepted Fri 17/7/2026: day 45 is the swapped Monday 31/8, then 1/9, 2/9: Thursday 3/9',
    source: `${LKN37}; quyết định của Thủ tướng (31/8 nghỉ hoán đổi, 1/9 ngày liền kề)`,
    input: { kind: 'complaint', received: '2026-07-10', accepted: '2026-07-17', second: true },
    expect: { dueBy: '2026-09-03', appealBy: null },
  },
  {
    name: 'second-time complex complaint accepted Mon 2/3/2026: 60 days, 1/5 off: Monday 4/5',
    source: LKN37,
    input: { kind: 'complaint', received: '2026-02-26', accepted: '2026-03-02', second: true, complex: true },
    expect: { dueBy: '2026-05-04' },
  },
  {
    name: 'second-time remote complex complaint accepted Mon 2/3/2026: 70 days',
    source: LKN37,
    input: {
      kind: 'complaint',
      received: '2026-02-26',
      accepted: '2026-03-02',
      second: true,
      remote: true,
      complex: true,
    },
    expect: { dueBy: '2026-05-11' },
  },
  {
    name: 'second-time remote complaint accepted Mon 12/1/2026: 60 days',
    source: LKN37,
    input: { kind: 'complaint', received: '2026-01-08', accepted: '2026-01-12', second: true, remote: true },
    expect: { dueBy: '2026-03-13' },
  },
  {
    name: 'remote complaint accepted Mon 2/3/2026: the second-complaint window runs 45 days from the end of the period',
    source: `${LKN28}; ${LKN33} (vùng sâu, vùng xa 45 ngày)`,
    input: { kind: 'complaint', received: '2026-02-25', accepted: '2026-03-02', remote: true },
    expect: { dueBy: '2026-04-16', appealBy: '2026-06-01' },
  },

  // ── denunciations ──
  {
    name: 'denunciation received Tue 28/4/2026: forward 5, accept 7 (10 with a reason) working days over 30/4–1/5',
    source: `${LTC24} khoản 1, 2; BLLĐ 2019 Điều 112`,
    input: { kind: 'denunciation', received: '2026-04-28' },
    expect: { forwardBy: '2026-05-07', acknowledgeBy: '2026-05-11', extendedDate: '2026-05-14', dueBy: null },
  },
  {
    name: 'denunciation accepted Tue 5/5/2026: notify the denouncer within 5 working days, settle in 30 days',
    source: `${LTC29}; ${LTC30} khoản 1`,
    input: { kind: 'denunciation', received: '2026-04-28', accepted: '2026-05-05' },
    expect: { notifyBy: '2026-05-12', dueBy: '2026-06-04', rules: ['to-cao-thong-bao-thu-ly', 'to-cao-giai-quyet'] },
  },
  {
    name: 'complex denunciation extended once: 60 days end Saturday 4/7/2026, so Monday 6/7',
    source: `${LTC30} khoản 2`,
    input: { kind: 'denunciation', received: '2026-04-28', accepted: '2026-05-05', complex: true, extensions: 1 },
    expect: { dueBy: '2026-07-06', rules: ['to-cao-gia-han'] },
  },
  {
    name: 'especially complex denunciation extended twice: 90 days',
    source: `${LTC30} khoản 3`,
    input: { kind: 'denunciation', received: '2026-04-28', accepted: '2026-05-05', complex: true, extensions: 2 },
    expect: { dueBy: '2026-08-03' },
  },
  {
    name: 'denunciation received Mon 17/8/2026: forwarding ends on the worked Saturday 22/8',
    source: `${LTC24} khoản 2; quyết định của Thủ tướng (22/8 làm bù)`,
    input: { kind: 'denunciation', received: '2026-08-17' },
    expect: { forwardBy: '2026-08-22', acknowledgeBy: '2026-08-25' },
  },
  {
    name: 'denunciation received Fri 28/8/2026 across 31/8 (swap), 1/9 (official adjacent day) and 2/9',
    source: `${LTC24} khoản 1, 2; quyết định của Thủ tướng; BLLĐ 2019 Điều 112`,
    input: { kind: 'denunciation', received: '2026-08-28' },
    expect: { forwardBy: '2026-09-09', acknowledgeBy: '2026-09-11' },
  },
];

describe('deadline table: hand-computed cases, each with its source', () => {
  it('has at least 30 cases, every one naming its source', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(CASES.every((c) => c.source.length > 5)).toBe(true);
  });

  it.each(CASES)('$name — $source', async (c) => {
    const report = explainDeadlines(await repoSettings(), c.input);
    const { rules, verify, extendedDate, dueByIsCommitment, ...dates } = c.expect;
    expect(report).toMatchObject(dates);
    if (rules) expect(report.rules.map((r) => r.id)).toEqual(expect.arrayContaining(rules));
    if (verify !== undefined) expect(report.rules.some((r) => r.verify)).toBe(verify);
    if (extendedDate) expect(report.deadlines.find((d) => d.step === 'acknowledge')?.extendedDate).toBe(extendedDate);
    if (dueByIsCommitment !== undefined) expect(report.dueByIsCommitment).toBe(dueByIsCommitment);
    // every deadline with a date names the basis of its rule
    for (const d of report.deadlines.filter((x) => x.date)) expect(d.citation).toBeTruthy();
  });
});
