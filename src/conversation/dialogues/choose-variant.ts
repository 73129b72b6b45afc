// The bot asked back which variant of a procedure is meant (lần đầu / cấp lại, trong nước / có yếu tố nước ngoài…):
// a button, its number or its words answer the resident's question about that variant; anything else is answered
// as a fresh message, and the same question asked again gets the best variant's answer, not the question again.
import { foldForMatching } from '../intents/rule-classifier.js';
import type { JsonObject } from '../ports.js';
import { type DialogueDefinition, type DialogueTransition, defineDialogue, type LeaveTransition } from './dialogue.js';

export const CHOOSE_VARIANT_DIALOGUE = 'choose-variant';

/** What the knowledge base offered: one option per variant (`Answer.clarify`). */
export interface VariantChoice {
  question: string;
  options: Array<{ code: string; label: string }>;
}

/** The dialogue's seed: the resident's question, the clarifying question, its options and the best-ranked one. */
export function chooseVariantSeed(question: string, clarify: VariantChoice, best: string): JsonObject {
  return {
    question,
    best,
    prompt: clarify.question,
    options: clarify.options.map((o) => ({ code: o.code, label: o.label })),
  };
}

function optionsOf(data: JsonObject): Array<{ code: string; label: string }> {
  const raw = data.options;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((o) =>
    o && typeof o === 'object' && !Array.isArray(o) && typeof o.code === 'string' && typeof o.label === 'string'
      ? [{ code: o.code, label: o.label }]
      : [],
  );
}

function questionOf(data: JsonObject): string {
  return typeof data.question === 'string' ? data.question : '';
}

/** The one option whose words the text contains ("cấp lại ạ", "làm lần đầu"), if exactly one. */
function optionNamed(text: string, options: ReadonlyArray<{ code: string; label: string }>) {
  const folded = ` ${foldForMatching(text)} `;
  const named = options.filter((o) => folded.includes(` ${foldForMatching(o.label)} `));
  return named.length === 1 ? named[0] : undefined;
}

function answerFor(data: JsonObject, code: string): DialogueTransition {
  return { type: 'ask', question: questionOf(data), focusCode: code };
}

export function createChooseVariantDialogue(): DialogueDefinition {
  const LEAVE: LeaveTransition = { type: 'leave' };
  return defineDialogue({
    name: CHOOSE_VARIANT_DIALOGUE,
    start: (_ctx, seed) => ({ type: 'goto', step: 'variant', data: seed }),
    steps: {
      variant: {
        prompt: (ctx) => ({
          text: typeof ctx.data.prompt === 'string' ? ctx.data.prompt : '',
          choices: optionsOf(ctx.data).map((o, i) => ({ label: o.label, value: String(i + 1) })),
        }),
        accepts: { text: true },
        handle: (input, ctx) => {
          const options = optionsOf(ctx.data);
          const pressed = input.choice !== undefined ? options[Number(input.choice) - 1] : undefined;
          const chosen = pressed ?? optionNamed(input.text, options);
          if (chosen) return answerFor(ctx.data, chosen.code);
          // not an answer to the question asked back: the resident's words are a question of their own
          return { type: 'ask', question: input.text };
        },
        onOtherRequest: (intent, ctx) => {
          if (intent.kind !== 'ask') return LEAVE;
          const options = optionsOf(ctx.data);
          const chosen = optionNamed(intent.question, options);
          if (chosen) return answerFor(ctx.data, chosen.code);
          // the same question again: never asked back twice, the best-ranked variant is answered
          const best = typeof ctx.data.best === 'string' ? ctx.data.best : options[0]?.code;
          if (best && foldForMatching(intent.question) === foldForMatching(questionOf(ctx.data)))
            return answerFor(ctx.data, best);
          return LEAVE;
        },
      },
    },
  });
}
