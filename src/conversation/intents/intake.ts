// Filing a petition, complaint or denunciation: asked for outright, offered for a problem described or for shared media.
import { actions } from '../actions.js';
import { startDialogue } from '../dialogue-runner.js';
import { BUILTIN_DIALOGUES } from '../dialogues/builtin.js';
import { INTAKE_DIALOGUE } from '../dialogues/dialogue.js';
import { giveAnswer } from '../give-answer.js';
import type { JsonObject } from '../ports.js';
import { quick, say, sayWith } from '../reply-helpers.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';

/** Attachment references safe to carry into an intake seed: no shared contacts (phone numbers). */
function safeAttachments(turn: Turn): JsonObject[] {
  return turn.input.attachments
    .filter((a) => a.kind === 'photo' || a.kind === 'file' || a.kind === 'location')
    .map((a) => {
      const item: JsonObject = { kind: a.kind };
      if (a.ref !== undefined) item.ref = a.ref;
      if (a.name !== undefined) item.name = a.name;
      if (a.mimeType !== undefined) item.mimeType = a.mimeType;
      if (typeof a.latitude === 'number') item.latitude = a.latitude;
      if (typeof a.longitude === 'number') item.longitude = a.longitude;
      return item;
    });
}

async function startIntake(turn: Turn, seed: JsonObject, deps: TurnDeps): Promise<void> {
  if (!deps.isIntakeAvailable()) {
    sayWith(
      turn,
      deps.replies.intakeNotEnabled,
      [quick(deps.replies.menuLabels.ask, actions.intent('ask'), deps)],
      deps,
    );
    return;
  }
  await startDialogue(turn, INTAKE_DIALOGUE, seed, deps);
}

export async function intake(turn: Turn, intent: IntentOf<'intake'>, deps: TurnDeps): Promise<void> {
  if (intent.explicit) return startIntake(turn, intent.ticketKind ? { kind: intent.ticketKind } : {}, deps);
  // a problem told without asking to file it: offer the intake, or answer it when there is nothing to offer
  if (!deps.isIntakeAvailable() || !intent.description) {
    return giveAnswer(turn, intent.description ?? turn.input.text, deps);
  }
  return startDialogue(
    turn,
    BUILTIN_DIALOGUES.offerIntake,
    { kind: intent.ticketKind ?? 'petition', description: intent.description, attachments: safeAttachments(turn) },
    deps,
  );
}

/** A photo, file or place sent without words: offer to file it with a petition. */
export async function offerIntakeForMedia(turn: Turn, deps: TurnDeps): Promise<void> {
  if (!deps.isIntakeAvailable()) {
    say(turn, deps.replies.mediaWithoutIntake, deps);
    return;
  }
  await startDialogue(
    turn,
    BUILTIN_DIALOGUES.offerIntake,
    { kind: 'petition', attachments: safeAttachments(turn) },
    deps,
  );
}
