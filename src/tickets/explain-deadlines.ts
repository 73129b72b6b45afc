// Use case behind `tiepdan tickets deadline`: the time limits the desk would set for a ticket described by its facts,
// each with its rule and legal basis. Pure: settings in, report out — no database, no service.
import { AppError } from '../shared/errors.js';
import { citeBasis, citeRule, type DeadlineRule, findRule, type LegalBasis, verifyWarning } from './deadline-rules.js';
import { type DeadlineFacts, type PlannedDeadline, planDeadlines, settleDeadline } from './deadlines.js';
import type { TicketSettings } from './settings.js';
import type { TicketKind } from './types.js';

export const EXPLAINABLE_KINDS = ['complaint', 'denunciation', 'petition'] as const satisfies readonly TicketKind[];

export interface ExplainDeadlinesInput {
  kind: string;
  /** YYYY-MM-DD */
  received: string;
  accepted?: string | undefined;
  remote?: boolean | undefined;
  complex?: boolean | undefined;
  second?: boolean | undefined;
  extensions?: number | undefined;
  category?: string | undefined;
}

export interface ExplainedRule {
  id: string;
  step: string;
  label: string;
  basis: LegalBasis[];
  /** Every basis as cited: "Luật Khiếu nại 2011, Điều 28". */
  citation: string;
  counting: string;
  commitment: boolean;
  verify: boolean;
  note: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface DeadlineReport {
  kind: TicketKind;
  received: string;
  accepted: string | null;
  remote: boolean;
  complex: boolean;
  second: boolean;
  extensions: number;
  category: string | null;
  /** Acceptance, or the notice of what happened to the ticket (YYYY-MM-DD). */
  acknowledgeBy: string | null;
  /** The answer: from acceptance for complaints and denunciations; null where it cannot be set yet. */
  dueBy: string | null;
  forwardBy: string | null;
  notifyBy: string | null;
  /** First-time complaints with an acceptance: the last day of a second-time complaint if no decision comes. */
  appealBy: string | null;
  /** Whether dueBy is the province's commitment rather than a legal limit. */
  dueByIsCommitment: boolean;
  deadlines: Array<{
    step: string;
    label: string;
    date: string | null;
    from: string | null;
    days: number | null;
    counting: string | null;
    rule: string | null;
    citation: string | null;
    commitment: boolean;
    verify: boolean;
    pending: string | null;
    /** Denunciations: the acceptance deadline when lengthened with a recorded reason. */
    extendedDate?: string | undefined;
    extendedDays?: number | undefined;
  }>;
  rules: ExplainedRule[];
  warnings: string[];
}

function bad(userMessage: string): AppError {
  return new AppError('BAD_INPUT', userMessage, { userMessage });
}

function isIsoDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

function explainRule(rule: DeadlineRule): ExplainedRule {
  return {
    id: rule.id,
    step: rule.step,
    label: rule.label,
    basis: rule.basis,
    citation: citeRule(rule),
    counting: rule.counting,
    commitment: rule.commitment,
    verify: rule.verify,
    note: rule.note ?? null,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
  };
}

/** The deadlines of a ticket described by its facts; throws BAD_INPUT (in Vietnamese) on impossible input. */
export function explainDeadlines(settings: TicketSettings, input: ExplainDeadlinesInput): DeadlineReport {
  if (!(EXPLAINABLE_KINDS as readonly string[]).includes(input.kind))
    throw bad(`--kind phải là một trong: ${EXPLAINABLE_KINDS.join(', ')} (khiếu nại, tố cáo, phản ánh/kiến nghị).`);
  const kind = input.kind as TicketKind;
  if (!isIsoDay(input.received)) throw bad('--received phải là một ngày có thật, dạng YYYY-MM-DD.');
  if (input.accepted !== undefined && !isIsoDay(input.accepted))
    throw bad('--accepted phải là một ngày có thật, dạng YYYY-MM-DD.');
  if (input.accepted !== undefined && input.accepted < input.received)
    throw bad('--accepted (ngày thụ lý) không thể trước --received (ngày tiếp nhận).');
  const extensions = input.extensions ?? 0;
  if (!Number.isInteger(extensions) || extensions < 0) throw bad('--extensions phải là số nguyên không âm.');
  if (input.second && kind !== 'complaint') throw bad('--second chỉ dùng cho khiếu nại (khiếu nại lần hai).');
  const category = input.category ? settings.categories.find((c) => c.code === input.category) : undefined;
  if (input.category && !category)
    throw bad(
      `Lĩnh vực "${input.category}" không có trong categories.yaml. Chọn: ${settings.categories.map((c) => c.code).join(', ')}.`,
    );

  const warnings: string[] = [];
  let complex = input.complex === true;
  if (extensions > 0 && kind === 'petition')
    throw bad('Phản ánh, kiến nghị không có gia hạn theo luật (thời hạn trả lời là cam kết của tỉnh).');
  if (extensions > 0 && kind === 'complaint') {
    if (extensions > 1) throw bad('Khiếu nại chỉ được kéo dài một lần, khi là vụ việc phức tạp (--extensions 1).');
    if (!complex) warnings.push('Khiếu nại chỉ được kéo dài khi là vụ việc phức tạp: đã tính như --complex.');
    complex = true;
  }
  if (extensions > 0 && kind === 'denunciation') {
    const rule = findRule(settings.deadlines.rules, {
      step: 'extension',
      kind,
      on: input.accepted ?? input.received,
    });
    const most = rule?.maxTimesEspeciallyComplex ?? rule?.maxTimes ?? 0;
    if (extensions > most) throw bad(`Tố cáo được gia hạn nhiều nhất ${most} lần (vụ việc đặc biệt phức tạp).`);
    if (!complex)
      warnings.push(
        'Tố cáo chỉ được gia hạn khi là vụ việc phức tạp (Luật Tố cáo 2018, Điều 30 khoản 2): đã tính như --complex.',
      );
    if (rule?.maxTimes !== undefined && extensions > rule.maxTimes)
      warnings.push(`Gia hạn lần thứ ${extensions} chỉ dành cho vụ việc đặc biệt phức tạp.`);
    complex = true;
  }
  if (input.remote && kind !== 'complaint')
    warnings.push('--remote (vùng sâu, vùng xa) chỉ kéo dài thời hạn khiếu nại; không ảnh hưởng loại yêu cầu này.');

  const facts: DeadlineFacts = {
    kind,
    category: category?.code ?? null,
    isRemoteArea: input.remote === true,
    isComplex: complex,
    isSecondTime: input.second === true,
    extensions,
    receivedOn: input.received,
    acceptedOn: input.accepted ?? null,
    categoryDays: category?.petitionAnswerWorkingDays,
  };
  const ctx = { settings: settings.deadlines, calendar: settings.calendar };
  const planned = planDeadlines(facts, ctx);
  const byStep = (step: string) => planned.find((d) => d.step === step);
  const dateOf = (step: string) => byStep(step)?.date ?? null;

  const used: DeadlineRule[] = planned.flatMap((d) => (d.rule ? [d.rule] : []));
  if (extensions > 0 && kind === 'denunciation') {
    const ext = findRule(settings.deadlines.rules, { step: 'extension', kind, on: input.accepted ?? input.received });
    if (ext) used.push(ext);
  }
  const rules = [...new Map(used.map((r) => [r.id, r])).values()];
  for (const rule of rules) {
    const warning = verifyWarning(rule);
    if (warning) warnings.push(warning);
  }
  const settle = byStep('settle') ?? settleDeadline(facts, ctx);
  return {
    kind,
    received: input.received,
    accepted: input.accepted ?? null,
    remote: input.remote === true,
    complex,
    second: input.second === true,
    extensions,
    category: category?.code ?? null,
    acknowledgeBy: dateOf('acknowledge'),
    dueBy: settle.date,
    forwardBy: dateOf('forward'),
    notifyBy: dateOf('notify'),
    appealBy: dateOf('appeal'),
    dueByIsCommitment: settle.rule?.commitment ?? false,
    deadlines: planned.map(describe),
    rules: rules.map(explainRule),
    warnings,
  };
}

function describe(d: PlannedDeadline): DeadlineReport['deadlines'][number] {
  return {
    step: d.step,
    label: d.label,
    date: d.date,
    from: d.from,
    days: d.days,
    counting: d.counting,
    rule: d.rule?.id ?? null,
    citation: d.rule ? d.rule.basis.map(citeBasis).join('; ') : null,
    commitment: d.rule?.commitment ?? false,
    verify: d.rule?.verify ?? false,
    pending: d.pending ?? null,
    ...(d.extendedDate ? { extendedDate: d.extendedDate, extendedDays: d.extendedDays } : {}),
  };
}
