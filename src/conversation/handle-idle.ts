// A message outside any dialogue: media alone, a typed rating, or text read for its intent and handled by the router.
import { describeError } from '../shared/describe-error.js';
import { offerIntakeForMedia } from './intents/intake.js';
import { rateTypedVerdict } from './intents/rate.js';
import { runIntent } from './intents/router.js';
import { classifyText, foldForMatching } from './intents/rule-classifier.js';
import type { Intent } from './ports.js';
import { menuButtons, say, sayWith } from './reply-helpers.js';
import type { Turn, TurnDeps } from './turn.js';

/** `read`: the text already folded and classified by the rules (a message that left a dialogue). */
export async function handleIdle(turn: Turn, deps: TurnDeps, read?: { folded: string; intent: Intent }): Promise<void> {
  const R = deps.replies;
  const { text, attachments } = turn.input;
  if (text === '') {
    if (attachments.length === 0) {
      sayWith(turn, R.empty, menuButtons(deps), deps);
      return;
    }
    const hasMedia = attachments.some((a) => a.kind === 'photo' || a.kind === 'location' || a.kind === 'file');
    if (!hasMedia && attachments.some((a) => a.kind === 'contact')) {
      say(turn, R.contactNotNeeded, deps);
      return;
    }
    if (hasMedia) return offerIntakeForMedia(turn, deps);
    say(turn, R.attachmentUnsupported, deps);
    return;
  }
  const folded = read?.folded ?? foldForMatching(text);
  if (await rateTypedVerdict(turn, folded, deps)) return;
  const intent = await classify(text, folded, deps, read?.intent);
  if (attachments.length > 0 && intent.kind !== 'intake') say(turn, R.attachmentsIgnored, deps);
  return runIntent(turn, intent, deps);
}

/**
 * Commands are always read by the rules (they are exact); free text goes to the configured classifier, and to the
 * rules again when that one fails (an LLM classifier timing out must not cost the resident an answer).
 * `ruleIntent`: what the rules already made of this text, if they were asked.
 */
async function classify(text: string, folded: string, deps: TurnDeps, ruleIntent?: Intent): Promise<Intent> {
  const byRules = () => ruleIntent ?? classifyText(text, folded);
  if (text.startsWith('/') || !deps.classifier) return byRules();
  try {
    return await deps.classifier.classify({ text });
  } catch (error) {
    deps.logger?.warn(describeError(error), 'intent classifier failed; using the rules');
    return byRules();
  }
}
