// Which recent answer a follow-up, a typed rating or "talk to a person" refers to, and for how long it may.
import type { RecentAnswer } from './ports.js';
import type { Turn, TurnDeps } from './turn.js';

export function lastAnswer(turn: Turn): RecentAnswer | undefined {
  return turn.context.answers?.at(-1);
}

/** True when `at` (an ISO time saved in the context) is recent enough for a follow-up to refer to it. */
export function isWithinFollowUpWindow(turn: Turn, at: string, deps: TurnDeps): boolean {
  return turn.now.getTime() - Date.parse(at) <= deps.followUpWindowMs;
}

/** The last answer when it was an answer (not "nothing found") given within the follow-up window. */
export function recentRatableAnswer(turn: Turn, deps: TurnDeps): RecentAnswer | undefined {
  const last = lastAnswer(turn);
  if (!last || last.abstained) return undefined;
  return isWithinFollowUpWindow(turn, last.at, deps) ? last : undefined;
}
