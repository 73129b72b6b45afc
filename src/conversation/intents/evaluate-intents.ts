// Measures an intent classifier on a labelled set of resident messages: accuracy per intent, tune and held-out halves.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Intent, IntentClassifier } from '../ports.js';

/** The outcomes a labelled message can expect: the intent kinds residents type, plus "answer, then offer to file". */
export const INTENT_LABELS = [
  'ask',
  'intake',
  'ask+intake',
  'track',
  'dispute',
  'human',
  'help',
  'greeting',
  'thanks',
  'privacy_report',
  'privacy_erase',
  'cancel',
] as const;
export type IntentLabel = (typeof INTENT_LABELS)[number];

const GRIEVANCE_KINDS = ['petition', 'complaint', 'denunciation'] as const;

export const labelledMessageSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  intent: z.enum(INTENT_LABELS),
  kind: z.enum(GRIEVANCE_KINDS).optional(),
  style: z.string().optional(),
  notes: z.string().optional(),
});
export type LabelledMessage = z.infer<typeof labelledMessageSchema>;

export type IntentSplit = 'tune' | 'heldout';

/**
 * Which half a message belongs to, from a hash of its id alone: stable when messages are added or reordered, and
 * nobody chooses it. Rules are tuned on `tune` only; `heldout` says how they do on messages not looked at.
 */
export function splitOf(id: string): IntentSplit {
  return (createHash('sha256').update(id).digest()[0] as number) % 2 === 0 ? 'tune' : 'heldout';
}

/** The outcome a classified intent leads to, in the labels' terms (`rate`, `unreadable`… are outcomes of their own). */
export function outcomeOf(intent: Intent): string {
  if (intent.kind === 'ask') return intent.grievance ? 'ask+intake' : 'ask';
  return intent.kind;
}

/** The kind of ticket an outcome would file, when it would file one. */
function kindOf(intent: Intent): string | undefined {
  if (intent.kind === 'intake') return intent.ticketKind ?? 'petition';
  if (intent.kind === 'ask') return intent.grievance?.ticketKind;
  return undefined;
}

export interface LabelScore {
  /** Messages labelled with this intent. */
  count: number;
  /** Messages classified as this intent. */
  predicted: number;
  correct: number;
  precision: number | null;
  recall: number | null;
}

export interface SplitScore {
  n: number;
  correct: number;
  accuracy: number | null;
  by_intent: Record<string, LabelScore>;
  /** Of the grievances classified as intake or ask+intake, how many got the labelled kind (petition, complaint…). */
  kind: { n: number; correct: number; accuracy: number | null };
}

export interface Misclassified {
  id: string;
  split: IntentSplit;
  expected: string;
  got: string;
  expected_kind?: string | undefined;
  got_kind?: string | undefined;
  style?: string | undefined;
  text: string;
}

/** How often one outcome was taken for another, and which messages: the confusions, most frequent first. */
export interface Confusion {
  expected: string;
  got: string;
  count: number;
  ids: string[];
}

export interface IntentEvalReport {
  n: number;
  /** Overall accuracy of the messages measured (the same as `all.accuracy`). */
  accuracy: number | null;
  /** Every message that was measured (one half when a split was asked for). */
  all: SplitScore;
  tune: SplitScore;
  heldout: SplitScore;
  /** Wrong outcome, or the right outcome with the wrong ticket kind. */
  misclassified: Misclassified[];
  /** The wrong outcomes grouped by expected → got (a wrong ticket kind alone is not a confusion of outcome). */
  confusion: Confusion[];
}

function confusionsOf(misclassified: readonly Misclassified[]): Confusion[] {
  const byPair = new Map<string, Confusion>();
  for (const m of misclassified) {
    if (m.expected === m.got) continue;
    const key = `${m.expected}→${m.got}`;
    const entry = byPair.get(key) ?? { expected: m.expected, got: m.got, count: 0, ids: [] };
    entry.count++;
    entry.ids.push(m.id);
    byPair.set(key, entry);
  }
  return [...byPair.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected));
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

interface Outcome {
  row: LabelledMessage;
  split: IntentSplit;
  got: string;
  gotKind: string | undefined;
}

function score(outcomes: Outcome[]): SplitScore {
  const by: Record<string, LabelScore> = {};
  const entry = (label: string) => {
    by[label] ??= { count: 0, predicted: 0, correct: 0, precision: null, recall: null };
    return by[label];
  };
  for (const label of INTENT_LABELS) entry(label);
  let correct = 0;
  let kindN = 0;
  let kindCorrect = 0;
  for (const o of outcomes) {
    entry(o.row.intent).count++;
    entry(o.got).predicted++;
    if (o.got === o.row.intent) {
      correct++;
      entry(o.got).correct++;
      if (o.row.kind) {
        kindN++;
        if (o.gotKind === o.row.kind) kindCorrect++;
      }
    }
  }
  for (const s of Object.values(by)) {
    s.precision = ratio(s.correct, s.predicted);
    s.recall = ratio(s.correct, s.count);
  }
  return {
    n: outcomes.length,
    correct,
    accuracy: ratio(correct, outcomes.length),
    by_intent: by,
    kind: { n: kindN, correct: kindCorrect, accuracy: ratio(kindCorrect, kindN) },
  };
}

/** Classifies every message and scores the outcomes; `split` keeps one half only. */
export async function evaluateIntents(options: {
  messages: readonly LabelledMessage[];
  classifier: IntentClassifier;
  split?: IntentSplit | undefined;
}): Promise<IntentEvalReport> {
  const outcomes: Outcome[] = [];
  for (const row of options.messages) {
    const split = splitOf(row.id);
    if (options.split && split !== options.split) continue;
    const intent = await options.classifier.classify({ text: row.text });
    outcomes.push({ row, split, got: outcomeOf(intent), gotKind: kindOf(intent) });
  }
  const misclassified: Misclassified[] = outcomes
    .filter((o) => o.got !== o.row.intent || (o.row.kind !== undefined && o.gotKind !== o.row.kind))
    .map((o) => ({
      id: o.row.id,
      split: o.split,
      expected: o.row.intent,
      got: o.got,
      expected_kind: o.row.kind,
      got_kind: o.gotKind,
      style: o.row.style,
      text: o.row.text,
    }));
  const all = score(outcomes);
  return {
    n: outcomes.length,
    accuracy: all.accuracy,
    all,
    tune: score(outcomes.filter((o) => o.split === 'tune')),
    heldout: score(outcomes.filter((o) => o.split === 'heldout')),
    misclassified,
    confusion: confusionsOf(misclassified),
  };
}

/** Parses a JSONL set of labelled messages; every bad line is named with its number. */
export function parseLabelledMessages(text: string): { messages: LabelledMessage[]; errors: string[] } {
  const messages: LabelledMessage[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push(`dòng ${i + 1}: không phải JSON`);
      return;
    }
    const parsed = labelledMessageSchema.safeParse(value);
    if (!parsed.success) {
      errors.push(
        `dòng ${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'dòng'}: ${issue.message}`).join('; ')}`,
      );
      return;
    }
    if (seen.has(parsed.data.id)) {
      errors.push(`dòng ${i + 1}: id ${parsed.data.id} bị trùng`);
      return;
    }
    seen.add(parsed.data.id);
    messages.push(parsed.data);
  });
  return { messages, errors };
}
