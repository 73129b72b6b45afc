// What the complaint intake remembers between messages (the dialogue's JSON data) and which step comes next.
import type { JsonObject, JsonValue } from '../../conversation/index.js';
import { ANONYMOUS_KINDS } from '../create-ticket.js';
import { TICKET_KINDS, type TicketKind, type TicketPersonalData } from '../types.js';
import { REQUIRED_PERSONAL_FIELDS } from '../validation.js';

export type PersonalField = keyof TicketPersonalData;
export const PERSONAL_FIELDS: readonly PersonalField[] = ['fullName', 'address', 'phone'];

/** Dialogue step of each personal field. */
export const PERSONAL_STEP: Record<PersonalField, 'name' | 'address' | 'phone'> = {
  fullName: 'name',
  address: 'address',
  phone: 'phone',
};

export type IntakeStep =
  | 'kind'
  | 'round'
  | 'category'
  | 'commune'
  | 'describe'
  | 'name'
  | 'address'
  | 'phone'
  | 'consent'
  | 'no-consent'
  | 'summary'
  | 'edit';

export interface IntakeAttachment {
  kind: 'photo' | 'file';
  ref: string;
  /** The file's name as the resident's app gave it (shown as text only). */
  name?: string | undefined;
  mimeType?: string | undefined;
}

/** The question the bot could not answer, when the intake came from "Thêm chi tiết / để lại liên hệ" after it. */
export interface IntakeQuestion {
  text: string;
  docCodes: string[];
  ref: string;
}

/** A unit of today's map (`c`) and the old unit the resident named (`o`), as kept in the dialogue data. */
export interface PlaceChoice {
  c: string;
  o?: string | undefined;
}

export interface IntakeData {
  kind?: TicketKind | undefined;
  /** Complaints only: a second complaint about the first decision (longer legal time limits). */
  secondTime?: boolean | undefined;
  category?: string | undefined;
  /** A commune code of today's map, or null when the resident named none (a shared location, or a question). */
  commune?: string | null | undefined;
  /** The old unit (before the reorganisation) the resident named, recorded with the ticket. */
  oldCommune?: string | undefined;
  /** Place step: the units offered as buttons ("#<index>"), each a unit of today and maybe the old one named. */
  placeChoices?: PlaceChoice[] | undefined;
  /** Place step: one unit awaiting "đúng không?" (found by an old name or a shared location). */
  placeCheck?: PlaceChoice | undefined;
  /** Place step: what is shown above the buttons while choices or a check are pending. */
  placeText?: string | undefined;
  /** Place step: the most used units, fixed when the intake starts so a pressed button stays valid. */
  placePicks?: string[] | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  description?: string | undefined;
  attachments: IntakeAttachment[];
  fullName?: string | undefined;
  address?: string | undefined;
  phone?: string | undefined;
  /** Optional personal fields the resident chose not to give. */
  skipped: PersonalField[];
  /** The law's requirements were explained once (before the first personal question). */
  personalIntroShown?: boolean | undefined;
  consent?: { purpose: string; wording: string; givenAt: string } | undefined;
  consentRefused?: boolean | undefined;
  /** Filed with no personal data and no link to the chat account (questions and denunciation information only). */
  anonymous?: boolean | undefined;
  question?: IntakeQuestion | undefined;
  /** Shown once at the top of the next prompt (an acknowledgement or a validation message), then dropped. */
  notice?: string | undefined;
}

function str(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function obj(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function placeChoice(value: JsonValue | undefined): PlaceChoice | undefined {
  const item = obj(value);
  const c = str(item?.c);
  if (!c) return undefined;
  const o = str(item?.o);
  return o ? { c, o } : { c };
}

export function isTicketKind(value: unknown): value is TicketKind {
  return typeof value === 'string' && (TICKET_KINDS as readonly string[]).includes(value);
}

/** Reads the dialogue data back (it went through the database: trust nothing about its shape). */
export function readIntakeData(json: JsonObject): IntakeData {
  const consent = obj(json.consent);
  const question = obj(json.question);
  const attachments = Array.isArray(json.attachments)
    ? json.attachments.flatMap((a): IntakeAttachment[] => {
        const item = obj(a);
        const ref = str(item?.ref);
        const name = str(item?.name);
        const mimeType = str(item?.mimeType);
        return (item?.kind === 'photo' || item?.kind === 'file') && ref
          ? [{ kind: item.kind, ref, ...(name ? { name } : {}), ...(mimeType ? { mimeType } : {}) }]
          : [];
      })
    : [];
  return {
    kind: isTicketKind(json.kind) ? json.kind : undefined,
    secondTime: typeof json.secondTime === 'boolean' ? json.secondTime : undefined,
    category: str(json.category),
    commune: json.commune === null ? null : str(json.commune),
    oldCommune: str(json.oldCommune),
    placeChoices: Array.isArray(json.placeChoices) ? json.placeChoices.flatMap((v) => placeChoice(v) ?? []) : undefined,
    placeCheck: placeChoice(json.placeCheck),
    placeText: str(json.placeText),
    placePicks: Array.isArray(json.placePicks) ? strings(json.placePicks) : undefined,
    latitude: num(json.latitude),
    longitude: num(json.longitude),
    description: str(json.description),
    attachments,
    fullName: str(json.fullName),
    address: str(json.address),
    phone: str(json.phone),
    skipped: strings(json.skipped).filter((f): f is PersonalField => (PERSONAL_FIELDS as string[]).includes(f)),
    personalIntroShown: json.personalIntroShown === true ? true : undefined,
    consent:
      consent && str(consent.wording) && str(consent.givenAt)
        ? {
            purpose: str(consent.purpose) ?? '',
            wording: str(consent.wording) as string,
            givenAt: str(consent.givenAt) as string,
          }
        : undefined,
    consentRefused: json.consentRefused === true ? true : undefined,
    anonymous: json.anonymous === true ? true : undefined,
    question:
      question && str(question.text)
        ? { text: str(question.text) as string, docCodes: strings(question.docCodes), ref: str(question.ref) ?? '' }
        : undefined,
    notice: str(json.notice),
  };
}

/** The data as JSON for the conversation state (undefined fields left out). */
export function writeIntakeData(data: IntakeData): JsonObject {
  return JSON.parse(JSON.stringify(data)) as JsonObject;
}

/** Forgets the place step's pending buttons and question. */
export function withoutPlaceQuestion(data: IntakeData): IntakeData {
  return { ...data, placeChoices: undefined, placeCheck: undefined, placeText: undefined };
}

/** A personal field this kind of ticket may go without (the resident may skip it). */
export function isOptionalField(kind: TicketKind, field: PersonalField): boolean {
  return !REQUIRED_PERSONAL_FIELDS[kind].includes(field);
}

/** Drops choices that no longer fit (e.g. "anonymous" after the kind was changed to a petition). */
export function normalizeIntakeData(data: IntakeData): IntakeData {
  if (data.anonymous && data.kind && !ANONYMOUS_KINDS.includes(data.kind)) {
    return { ...data, anonymous: undefined, consentRefused: undefined };
  }
  if (data.kind !== 'complaint' && data.secondTime !== undefined) return { ...data, secondTime: undefined };
  return data;
}

/**
 * The first step whose answer is still missing, in the order kind → (round) → category → commune → description →
 * name → address → phone → consent → summary. Steps already filled (from a seed or earlier) are skipped.
 */
export function nextStep(data: IntakeData): IntakeStep {
  const d = normalizeIntakeData(data);
  if (!d.kind) return 'kind';
  if (d.kind === 'complaint' && d.secondTime === undefined) return 'round';
  if (!d.category) return 'category';
  if (d.commune === undefined) return 'commune';
  if (!d.description) return 'describe';
  if (d.anonymous) return 'summary';
  if (d.consentRefused) return 'no-consent';
  for (const field of PERSONAL_FIELDS) {
    if (d[field]) continue;
    if (isOptionalField(d.kind, field) && d.skipped.includes(field)) continue;
    return PERSONAL_STEP[field];
  }
  if (!d.consent) return 'consent';
  return 'summary';
}

/** The personal part as given so far. */
export function personalOf(data: IntakeData): Partial<TicketPersonalData> {
  return {
    ...(data.fullName ? { fullName: data.fullName } : {}),
    ...(data.address ? { address: data.address } : {}),
    ...(data.phone ? { phone: data.phone } : {}),
  };
}

/** Forgets every personal field (and the consent that covered them). */
export function withoutPersonal(data: IntakeData): IntakeData {
  return {
    ...data,
    fullName: undefined,
    address: undefined,
    phone: undefined,
    skipped: [],
    consent: undefined,
  };
}
