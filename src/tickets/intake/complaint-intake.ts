// The chat intake of petitions, complaints, denunciations and unanswered questions, as a dialogue on the
// conversation core: kind → (complaint round) → category → commune or location → description with photos →
// name, address, phone as the law requires → explicit consent → summary to send, edit or cancel.
import {
  type Attachment,
  actionFits,
  actions,
  type DialogueContext,
  type DialogueDefinition,
  type DialogueTransition,
  defineDialogue,
  escalationEffect,
  foldForMatching,
  INTAKE_DIALOGUE,
  type JsonObject,
  type Say,
  type StepChoice,
  type StepPrompt,
  type StoreEffect,
} from '../../conversation/index.js';
import { ANONYMOUS_KINDS, createTicket } from '../create-ticket.js';
import type { TicketDeps } from '../deps.js';
import { QUESTION_CATEGORY } from '../file-question.js';
import { type AddressForm, TICKET_ACTIONS } from '../messages.js';
import { createPopularPlaces } from '../places/popular-places.js';
import type { TicketKind } from '../types.js';
import { normalizeAddress, normalizeFullName, normalizePhone } from '../validation.js';
import {
  type IntakeData,
  type IntakeStep,
  isOptionalField,
  isTicketKind,
  nextStep,
  normalizeIntakeData,
  PERSONAL_FIELDS,
  type PersonalField,
  personalOf,
  readIntakeData,
  withoutPersonal,
  withoutPlaceQuestion,
  writeIntakeData,
} from './intake-data.js';
import { createIntakeMessages, type IntakeMessages } from './intake-messages.js';
import { createPlaceStep, locationQuestion, PLACE_PICKS } from './place-step.js';

/** Photos and files one ticket may carry. */
export const MAX_INTAKE_ATTACHMENTS = 10;
const MAX_DESCRIPTION = 5000;
const MIN_DESCRIPTION = 10;
const MEDIA: Attachment['kind'][] = ['photo', 'file', 'location'];
const PERSONAL_STEPS = new Set<IntakeStep>(['name', 'address', 'phone']);
const FIELD_OF_STEP: Record<'name' | 'address' | 'phone', PersonalField> = {
  name: 'fullName',
  address: 'address',
  phone: 'phone',
};

/**
 * Builds the `complaint-intake` dialogue. The ticket is committed (createTicket, idempotent on the confirming
 * message's key) before any reply; the tracking code reaches the resident through the outbox row written in the
 * same transaction, so a crash between the commit and the reply still delivers it, and exactly once. Only an
 * anonymous ticket (no chat account linked, hence no outbox recipient) gets its code in the dialogue's reply.
 */
export function createComplaintIntake(deps: TicketDeps): DialogueDefinition {
  const { settings } = deps;
  const messages = new Map<AddressForm, IntakeMessages>();
  const M = (ctx: DialogueContext): IntakeMessages => {
    let m = messages.get(ctx.you);
    if (!m) {
      m = createIntakeMessages(ctx.you);
      messages.set(ctx.you, m);
    }
    return m;
  };
  const popularPlaces = createPopularPlaces({ store: deps.store, clock: deps.clock, places: settings.places });

  // ── data and transitions ──

  /** The data of this turn, without last turn's one-shot notice. */
  const read = (ctx: DialogueContext): IntakeData => ({ ...readIntakeData(ctx.data), notice: undefined });

  const notice = (...parts: Array<string | undefined>): string | undefined => {
    const text = parts.filter((p): p is string => Boolean(p)).join('\n');
    return text === '' ? undefined : text;
  };

  /** On to the first step still missing (the summary when nothing is). One message: the notice tops the prompt. */
  const advance = (ctx: DialogueContext, data: IntakeData, say?: string): DialogueTransition => {
    const d = normalizeIntakeData({ ...data, notice: say });
    const step = nextStep(d);
    if (PERSONAL_STEPS.has(step) && !d.personalIntroShown && d.kind) {
      // the first personal question comes with what the law requires for this kind, and why
      d.personalIntroShown = true;
      d.notice = notice(d.notice, M(ctx).personalIntro(d.kind));
    }
    return { type: 'goto', step, data: writeIntakeData(d) };
  };

  const stay = (data: IntakeData, say?: string): DialogueTransition => ({
    type: 'stay',
    data: writeIntakeData({ ...data, notice: say }),
  });

  const withNotice = (ctx: DialogueContext, text: string): string => {
    const n = readIntakeData(ctx.data).notice;
    return n ? `${n}\n\n${text}` : text;
  };

  /** Photos, files and a location sent at any step before the personal questions are kept. */
  const absorbMedia = (ctx: DialogueContext, data: IntakeData, attachments: Attachment[]): string | undefined => {
    const m = M(ctx);
    const said: string[] = [];
    let added = 0;
    let dropped = 0;
    for (const a of attachments) {
      if (a.kind === 'location' && typeof a.latitude === 'number' && typeof a.longitude === 'number') {
        data.latitude = a.latitude;
        data.longitude = a.longitude;
        said.push(m.locationReceived);
        if (data.commune === undefined) {
          // no place chosen yet: the location proposes one (asked at the place step)
          const asked = locationQuestion(settings, m, a.latitude, a.longitude);
          Object.assign(data, withoutPlaceQuestion(data), asked.patch);
          if (asked.notice) said.push(asked.notice);
        }
      } else if ((a.kind === 'photo' || a.kind === 'file') && a.ref) {
        if (data.attachments.length >= MAX_INTAKE_ATTACHMENTS) dropped++;
        else {
          data.attachments = [
            ...data.attachments,
            {
              kind: a.kind,
              ref: a.ref,
              ...(a.name ? { name: a.name.slice(0, 255) } : {}),
              ...(a.mimeType ? { mimeType: a.mimeType.slice(0, 100) } : {}),
            },
          ];
          added++;
        }
      }
    }
    if (added > 0) said.push(m.mediaReceived(data.attachments.length));
    if (dropped > 0) said.push(m.mediaTooMany(MAX_INTAKE_ATTACHMENTS));
    return notice(...said);
  };

  /** A button value for a code, or its index when the button's action would not fit Telegram's 64 bytes. */
  const buttonValue = (step: string, code: string, index: number): string =>
    actionFits(actions.choice(INTAKE_DIALOGUE, step, code)) ? code : `#${index}`;
  const fromValue = <T extends { code: string }>(list: readonly T[], value: string): T | undefined =>
    value.startsWith('#') ? list[Number(value.slice(1))] : list.find((x) => x.code === value);

  // what the channel declares: its app can share a location (Telegram's 📎 → Vị trí, Zalo's location message)
  const canLocate = (ctx: DialogueContext) => ctx.capabilities?.sharesLocation === true;

  // ── kind ──

  function guessKind(text: string, withQuestion: boolean): TicketKind | undefined {
    const folded = ` ${foldForMatching(text)} `;
    if (folded.includes(' khieu nai ')) return 'complaint';
    if (folded.includes(' to cao ')) return 'denunciation';
    if (folded.includes(' phan anh ') || folded.includes(' kien nghi ')) return 'petition';
    if (withQuestion && folded.includes(' cau hoi ')) return 'question';
    return undefined;
  }

  // ── category ──

  const categoryChoices = (): StepChoice[] =>
    settings.categories.map((c, i) => ({ label: c.name, value: buttonValue('category', c.code, i) }));

  function guessCategory(text: string): string | undefined {
    const query = foldForMatching(text);
    if (query.length < 2) return undefined;
    const matches = settings.categories.filter((c) => {
      const name = foldForMatching(c.name);
      return ` ${name} `.includes(` ${query} `) || ` ${query} `.includes(` ${name} `);
    });
    return matches.length === 1 ? matches[0]?.code : undefined;
  }

  /** "Phường Bắc Kạn (Xã Nông Thượng cũ)" for the summary; an in-flight old code is shown by its name too. */
  function placeName(d: IntakeData): string | null {
    if (!d.commune) return null;
    const current = settings.places.commune(d.commune);
    const old = settings.places.oldUnit(d.oldCommune ?? (current ? '' : d.commune));
    const name = current?.name ?? old?.communes.map((c) => c.name).join(' / ') ?? d.commune;
    return old && old.old.name !== name ? `${name} (${old.old.name} cũ)` : name;
  }

  // ── personal fields ──

  function personalStep(step: 'name' | 'address' | 'phone') {
    const field = FIELD_OF_STEP[step];
    return {
      prompt: (ctx: DialogueContext): StepPrompt => {
        const d = readIntakeData(ctx.data);
        const m = M(ctx);
        const optional = d.kind ? isOptionalField(d.kind, field) : true;
        const text = step === 'name' ? m.namePrompt : step === 'address' ? m.addressPrompt : m.phonePrompt(!optional);
        return { text: withNotice(ctx, text), choices: optional ? [{ label: m.skip, value: 'skip' }] : [] };
      },
      accepts: { text: true, attachments: step === 'phone' ? (['contact'] as Attachment['kind'][]) : [] },
      handle: (
        input: { text: string; choice?: string | undefined; attachments: Attachment[] },
        ctx: DialogueContext,
      ) => {
        const d = read(ctx);
        if (!d.kind) return advance(ctx, d);
        if (input.choice === 'skip' && isOptionalField(d.kind, field)) {
          return advance(ctx, { ...d, [field]: undefined, skipped: [...new Set([...d.skipped, field])] });
        }
        let typed = input.text;
        if (step === 'phone' && input.attachments.length > 0) {
          // a shared Telegram contact: only its number is used (and only stored after consent)
          const phone = input.attachments.find((a) => a.kind === 'contact')?.phone;
          if (!phone) return stay(d, M(ctx).contactWithoutPhone);
          typed = phone;
        }
        const checked =
          field === 'fullName'
            ? normalizeFullName(typed)
            : field === 'address'
              ? normalizeAddress(typed)
              : normalizePhone(typed);
        if (!checked.ok) return stay(d, checked.message);
        const value = 'name' in checked ? checked.name : 'address' in checked ? checked.address : checked.phone;
        return advance(ctx, { ...d, [field]: value, skipped: d.skipped.filter((f) => f !== field) });
      },
    };
  }

  // ── filing ──

  async function file(ctx: DialogueContext, d: IntakeData): Promise<DialogueTransition> {
    const m = M(ctx);
    const kind = d.kind as TicketKind;
    const anonymous = d.anonymous === true;
    const { ticket } = await createTicket(deps, {
      kind,
      category: d.category as string,
      commune: d.commune ?? null,
      oldCommune: d.oldCommune ?? null,
      latitude: d.latitude ?? null,
      longitude: d.longitude ?? null,
      description: d.description as string,
      attachments: d.attachments.map((a) => ({ kind: a.kind, ref: a.ref, name: a.name, mimeType: a.mimeType })),
      personal: anonymous ? undefined : personalOf(d),
      resident: { channel: ctx.resident.channel, channelUserId: ctx.resident.channelUserId },
      consent:
        anonymous || !d.consent
          ? undefined
          : { purpose: d.consent.purpose, wording: d.consent.wording, givenAt: new Date(d.consent.givenAt) },
      // a redelivered or redone confirmation finds this ticket instead of filing a second one
      sourceKey: ctx.messageKey,
      isSecondTime: d.kind === 'complaint' ? d.secondTime === true : undefined,
      anonymous,
    });
    const effects: StoreEffect[] = [];
    if (kind === 'question' && d.question?.ref) {
      // the unanswered question is now in staff's hands: mark it so, and stop offering to hand it over again
      effects.push(
        escalationEffect({ ref: d.question.ref, question: d.question.text, docCodes: d.question.docCodes }, ctx),
      );
      const answer = ctx.conversation.answers?.find((a) => a.ref === d.question?.ref);
      if (answer) answer.escalated = true;
    }
    const say: Say[] = anonymous
      ? [
          {
            text: m.filedAnonymously(kind, ticket.code),
            quickReplies: [{ label: m.lookupLabel, action: TICKET_ACTIONS.lookup(ticket.code) }],
            attachments: [],
          },
        ]
      : [m.filed(kind)];
    return { type: 'end', say, effects };
  }

  // ── the dialogue ──

  return defineDialogue({
    name: INTAKE_DIALOGUE,

    async start(ctx, seed: JsonObject) {
      await popularPlaces.refresh();
      const d: IntakeData = { attachments: [], skipped: [], placePicks: popularPlaces.list(PLACE_PICKS) };
      if (isTicketKind(seed.kind)) d.kind = seed.kind;
      const seeded = readIntakeData({
        description: typeof seed.description === 'string' ? seed.description : null,
        question: seed.question ?? null,
      });
      if (seeded.description) {
        const description = seeded.description.normalize('NFC').trim();
        if (description !== '') d.description = description.slice(0, MAX_DESCRIPTION);
      }
      if (seeded.question) d.question = seeded.question;
      if (d.kind === 'question' && !d.question && d.description)
        d.question = { text: d.description, docCodes: [], ref: '' };
      if (d.kind === 'question' && settings.categories.some((c) => c.code === QUESTION_CATEGORY))
        d.category = QUESTION_CATEGORY;
      const attachments = Array.isArray(seed.attachments)
        ? seed.attachments.flatMap((a): Attachment[] => {
            if (typeof a !== 'object' || a === null || Array.isArray(a)) return [];
            const kind = a.kind;
            if (kind !== 'photo' && kind !== 'file' && kind !== 'location') return [];
            return [
              {
                kind,
                ref: typeof a.ref === 'string' ? a.ref : undefined,
                latitude: typeof a.latitude === 'number' ? a.latitude : undefined,
                longitude: typeof a.longitude === 'number' ? a.longitude : undefined,
              },
            ];
          })
        : [];
      const media = absorbMedia(ctx, d, attachments);
      return advance(ctx, d, notice(M(ctx).intro(d.kind, d.description), media));
    },

    steps: {
      kind: {
        prompt: (ctx) => {
          const d = readIntakeData(ctx.data);
          const m = M(ctx);
          const kinds: TicketKind[] = [
            'petition',
            'complaint',
            'denunciation',
            ...(d.question ? ['question' as const] : []),
          ];
          return {
            text: withNotice(ctx, m.kindPrompt(Boolean(d.question))),
            choices: kinds.map((k) => ({ label: m.kindLabel(k), value: k })),
          };
        },
        accepts: { text: true, attachments: MEDIA },
        handle: (input, ctx) => {
          const d = read(ctx);
          const media = absorbMedia(ctx, d, input.attachments);
          const chosen = input.choice ?? (input.text ? guessKind(input.text, Boolean(d.question)) : undefined);
          const kind = isTicketKind(chosen) && (chosen !== 'question' || d.question) ? chosen : undefined;
          if (!kind) return stay(d, media ?? M(ctx).kindNotUnderstood);
          return advance(ctx, { ...d, kind }, media);
        },
      },

      round: {
        prompt: (ctx) => {
          const m = M(ctx);
          return {
            text: withNotice(ctx, m.roundPrompt),
            choices: [
              { label: m.roundFirst, value: 'first' },
              { label: m.roundSecond, value: 'second' },
            ],
          };
        },
        accepts: { attachments: MEDIA },
        handle: (input, ctx) => {
          const d = read(ctx);
          const media = absorbMedia(ctx, d, input.attachments);
          if (input.choice !== 'first' && input.choice !== 'second') return stay(d, media);
          return advance(ctx, { ...d, secondTime: input.choice === 'second' }, media);
        },
      },

      category: {
        prompt: (ctx) => ({ text: withNotice(ctx, M(ctx).categoryPrompt), choices: categoryChoices() }),
        accepts: { text: true, attachments: MEDIA },
        handle: (input, ctx) => {
          const d = read(ctx);
          const media = absorbMedia(ctx, d, input.attachments);
          const code = input.choice
            ? fromValue(settings.categories, input.choice)?.code
            : input.text
              ? guessCategory(input.text)
              : undefined;
          if (!code) return stay(d, media ?? (input.text ? M(ctx).categoryNotUnderstood : undefined));
          return advance(ctx, { ...d, category: code }, media);
        },
      },

      commune: createPlaceStep({
        settings,
        messages: M,
        read,
        advance,
        stay,
        absorbMedia,
        withNotice,
        notice,
        canLocate,
        media: MEDIA,
      }),

      describe: {
        prompt: (ctx) => {
          const d = readIntakeData(ctx.data);
          const m = M(ctx);
          const hasText = Boolean(d.description);
          const choices: StepChoice[] = hasText ? [{ label: m.describeDone, value: 'done' }] : [];
          if (d.attachments.length > 0) choices.push({ label: m.describeClearMedia, value: 'clear' });
          return {
            text: withNotice(
              ctx,
              m.describePrompt({ hasText, media: d.attachments.length, canLocate: canLocate(ctx) }),
            ),
            choices,
          };
        },
        accepts: { text: true, attachments: MEDIA },
        handle: (input, ctx) => {
          const d = read(ctx);
          const m = M(ctx);
          const media = absorbMedia(ctx, d, input.attachments);
          if (input.choice === 'clear') return stay({ ...d, attachments: [] }, m.mediaCleared);
          if (input.choice === 'done') {
            if (!d.description) return stay(d, m.describeNeedsText);
            if (d.description.length < MIN_DESCRIPTION) return stay(d, m.describeTooShort);
            return advance(ctx, d);
          }
          if (input.text) {
            const text = input.text.normalize('NFC').trim();
            const combined = d.description ? `${d.description}\n${text}` : text;
            if (combined.length > MAX_DESCRIPTION) return stay(d, notice(media, m.describeTooLong(MAX_DESCRIPTION)));
            return stay({ ...d, description: combined }, media);
          }
          return stay(d, media);
        },
      },

      name: personalStep('name'),
      address: personalStep('address'),
      phone: personalStep('phone'),

      consent: {
        prompt: (ctx) => {
          const d = readIntakeData(ctx.data);
          const m = M(ctx);
          const kind = d.kind ?? 'petition';
          const fields = PERSONAL_FIELDS.filter((f) => d[f]);
          return {
            text: withNotice(ctx, m.consentPrompt(m.consentWording(kind, fields))),
            choices: [
              { label: m.consentYes, value: 'yes' },
              { label: m.consentNo, value: 'no' },
            ],
          };
        },
        handle: (input, ctx) => {
          const d = read(ctx);
          const m = M(ctx);
          if (!d.kind) return advance(ctx, d);
          if (input.choice === 'no') {
            // without consent nothing personal is kept, not even in the conversation state
            return advance(ctx, { ...withoutPersonal(d), consentRefused: true });
          }
          if (input.choice !== 'yes') return stay(d);
          const fields = PERSONAL_FIELDS.filter((f) => d[f]);
          return advance(ctx, {
            ...d,
            // the very words shown in the prompt (same data, same text), with the moment they were accepted
            consent: {
              purpose: m.consentPurpose(d.kind),
              wording: m.consentWording(d.kind, fields),
              givenAt: ctx.now.toISOString(),
            },
          });
        },
      },

      'no-consent': {
        prompt: (ctx) => {
          const d = readIntakeData(ctx.data);
          const m = M(ctx);
          const kind = d.kind ?? 'petition';
          const choices: StepChoice[] = ANONYMOUS_KINDS.includes(kind)
            ? [{ label: m.sendAnonymously(kind), value: 'anon' }]
            : [];
          choices.push({ label: m.backToConsent, value: 'back' });
          return { text: withNotice(ctx, m.noConsent(kind)), choices };
        },
        handle: (input, ctx) => {
          const d = read(ctx);
          if (input.choice === 'anon' && d.kind && ANONYMOUS_KINDS.includes(d.kind))
            return advance(ctx, { ...withoutPersonal(d), consentRefused: undefined, anonymous: true });
          if (input.choice === 'back') return advance(ctx, { ...d, consentRefused: undefined });
          return stay(d);
        },
      },

      summary: {
        prompt: (ctx) => {
          const d = readIntakeData(ctx.data);
          const m = M(ctx);
          const text = m.summary(d, {
            kind: d.kind ? m.kindLabel(d.kind) : '—',
            category: settings.categories.find((c) => c.code === d.category)?.name ?? d.category ?? '—',
            commune: placeName(d),
          });
          return {
            text: withNotice(ctx, text),
            choices: [
              { label: m.send, value: 'yes' },
              { label: m.edit, value: 'edit' },
            ],
          };
        },
        handle: async (input, ctx) => {
          const d = read(ctx);
          if (input.choice === 'edit') return { type: 'goto', step: 'edit', data: writeIntakeData(d) };
          if (input.choice !== 'yes') return stay(d);
          if (nextStep(d) !== 'summary') return advance(ctx, d);
          return file(ctx, normalizeIntakeData(d));
        },
      },

      edit: {
        prompt: (ctx) => {
          const d = readIntakeData(ctx.data);
          const labels = M(ctx).editLabels;
          const items: Array<keyof typeof labels> = ['kind'];
          if (d.kind === 'complaint') items.push('round');
          items.push('category', 'commune', 'describe');
          if (d.attachments.length > 0) items.push('media');
          if (d.anonymous) items.push('identify');
          else items.push('name', 'address', 'phone');
          items.push('back');
          return {
            text: withNotice(ctx, M(ctx).editPrompt),
            choices: items.map((i) => ({ label: labels[i], value: i })),
          };
        },
        handle: (input, ctx) => {
          const d = read(ctx);
          const m = M(ctx);
          const forget = (patch: Partial<IntakeData>) => advance(ctx, { ...d, ...patch });
          switch (input.choice) {
            case 'kind':
              // the requirements and the consent's wording depend on the kind: both are asked again
              return forget({
                kind: undefined,
                secondTime: undefined,
                consent: undefined,
                consentRefused: undefined,
                anonymous: undefined,
              });
            case 'round':
              return forget({ secondTime: undefined });
            case 'category':
              return forget({ category: undefined });
            case 'commune':
              return forget({ ...withoutPlaceQuestion(d), commune: undefined, oldCommune: undefined });
            case 'describe':
              return forget({ description: undefined });
            case 'media':
              return advance(ctx, { ...d, attachments: [] }, m.mediaCleared);
            case 'identify':
              return forget({ anonymous: undefined, consentRefused: undefined });
            case 'name':
            case 'address':
            case 'phone': {
              const field = FIELD_OF_STEP[input.choice];
              return forget({ [field]: undefined, skipped: d.skipped.filter((f) => f !== field), consent: undefined });
            }
            case 'back':
              return advance(ctx, d);
            default:
              return stay(d);
          }
        },
      },
    },
  });
}
