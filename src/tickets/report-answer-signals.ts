// Use case: what the conversation recorded about the bot's answers in a period, per month — abstentions, 👍/👎,
// requests for a person, answerer failures, and the queued questions staff answered — for the console's reports.
// Every answer the bot gives is not logged as such, so these are signals, not an answer rate over all questions.
import type { TicketDeps } from './deps.js';
import type { AnswerSignals } from './ports.js';

export interface AnswerSignalsReport {
  months: AnswerSignals[];
  total: Omit<AnswerSignals, 'month'>;
  /** Share of rated answers rated 👍 (null when none was rated). */
  helpfulRate: number | null;
}

export async function reportAnswerSignals(
  deps: Pick<TicketDeps, 'store'>,
  range: { from?: Date | undefined; to?: Date | undefined },
): Promise<AnswerSignalsReport> {
  const months = await deps.store.countAnswerSignals(range);
  const total = {
    abstained: 0,
    staffRequested: 0,
    failed: 0,
    thumbsUp: 0,
    thumbsDown: 0,
    answeredByStaff: 0,
    turnedIntoFaq: 0,
  };
  for (const m of months) for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += m[key];
  const rated = total.thumbsUp + total.thumbsDown;
  return { months, total, helpfulRate: rated > 0 ? total.thumbsUp / rated : null };
}
