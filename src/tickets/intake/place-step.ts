// The intake's place step, without a district step: a resident types today's name or an old one (confirmed in plain
// words: "Xã Nông Thượng (cũ, thành phố Bắc Kạn) nay thuộc phường Bắc Kạn, tỉnh Thái Nguyên — đúng không?"), picks
// one of the most used units, or shares a location, which is matched against the units' boundaries or centres.
import type {
  Attachment,
  DialogueContext,
  DialogueStep,
  DialogueTransition,
  StepChoice,
} from '../../conversation/index.js';
import { communesOf, findPlaces, type PlaceSearch } from '../places/find-place.js';
import { locatePlace } from '../places/locate-place.js';
import { foldName, inSentence, splitUnitName } from '../places/names.js';
import type { PlaceIndex } from '../places/place-index.js';
import type { TicketSettings } from '../settings.js';
import { type IntakeData, type PlaceChoice, readIntakeData, withoutPlaceQuestion } from './intake-data.js';
import type { IntakeMessages } from './intake-messages.js';

/** Most used units offered as buttons. */
export const PLACE_PICKS = 8;
const YES = new Set(['dung', 'dung roi', 'dung vay', 'dung a', 'phai', 'chinh xac', 'chuan', 'dung the']);
const NO = new Set(['sai', 'khong phai', 'khong dung', 'chua dung', 'nham']);

/** What the place step borrows from the intake around it. */
export interface PlaceStepTools {
  settings: TicketSettings;
  messages(ctx: DialogueContext): IntakeMessages;
  read(ctx: DialogueContext): IntakeData;
  advance(ctx: DialogueContext, data: IntakeData, say?: string): DialogueTransition;
  stay(data: IntakeData, say?: string): DialogueTransition;
  absorbMedia(ctx: DialogueContext, data: IntakeData, attachments: Attachment[]): string | undefined;
  withNotice(ctx: DialogueContext, text: string): string;
  notice(...parts: Array<string | undefined>): string | undefined;
  canLocate(ctx: DialogueContext): boolean;
  media: Attachment['kind'][];
}

/** "Thành phố Thái Nguyên" → "TP Thái Nguyên", "Huyện Đồng Hỷ" → "huyện Đồng Hỷ" (short, for buttons). */
function shortDistrict(name: string): string {
  return name
    .replace(/^Thành phố /u, 'TP ')
    .replace(/^Thị xã /u, 'TX ')
    .replace(/^Huyện /u, 'huyện ');
}

function dayOf(iso: string | undefined): string | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${Number(m[2])}/${m[1]}` : undefined;
}

/** The question a shared location raises while no unit is chosen yet (or a notice when it lies outside). */
export function locationQuestion(
  settings: TicketSettings,
  m: IntakeMessages,
  latitude: number,
  longitude: number,
): { patch: Partial<IntakeData>; notice?: string } {
  const located = locatePlace(settings.places, latitude, longitude, 4);
  const first = located.inside ?? located.nearest[0]?.commune;
  if (!first) return { patch: {}, notice: m.placeLocatedOutside(latitude, longitude, settings.province.name) };
  const km = located.nearest.find((n) => n.commune === first)?.km ?? 0;
  return {
    patch: {
      placeCheck: { c: first.code },
      placeChoices: located.nearest.filter((n) => n.commune !== first).map((n) => ({ c: n.commune.code })),
      placeText: located.inside
        ? m.placeLocatedInside(latitude, longitude, first.name, settings.province.name)
        : m.placeLocatedNear(latitude, longitude, first.name, km),
    },
  };
}

/** An example of today's name and of an old name, taken from the settings (so every province gets its own). */
function examples(places: PlaceIndex): { current: string; old: string | undefined } {
  const first = places.commune(places.quickPicks[0] ?? '') ?? places.communes[0];
  const current = (first?.name ?? '').replace(/^(Xã|Phường|Thị trấn|Đặc khu) /u, '');
  for (const commune of places.communes) {
    const own = splitUnitName(commune.name).bare;
    const old = commune.formedFrom.find((o) => !o.part && splitUnitName(o.name).bare !== own);
    if (old) return { current, old: `${inSentence(old.name)}, ${inSentence(old.district)}` };
  }
  return { current, old: undefined };
}

export function createPlaceStep(t: PlaceStepTools): DialogueStep {
  const { places } = t.settings;
  const province = t.settings.province.name;
  const since = dayOf(t.settings.province.since);
  const example = examples(places);

  const label = (choice: PlaceChoice, all: readonly PlaceChoice[]): string => {
    const commune = places.commune(choice.c);
    const old = choice.o ? places.oldUnit(choice.o)?.old : undefined;
    if (!commune) return choice.c;
    // the parts of one split old unit are told apart by today's name
    if (!old || all.every((x) => x.o === choice.o)) return commune.name;
    const label = `${old.name} (${shortDistrict(old.district)} cũ)`;
    // a split old unit among other names: its parts are told apart by where they belong now
    return all.some((x) => x !== choice && x.o === choice.o) ? `${label} → ${inSentence(commune.name)}` : label;
  };

  const choose = (ctx: DialogueContext, d: IntakeData, choice: PlaceChoice, say?: string): DialogueTransition => {
    const commune = places.commune(choice.c);
    if (!commune) return t.stay(withoutPlaceQuestion(d), say);
    return t.advance(ctx, { ...withoutPlaceQuestion(d), commune: commune.code, oldCommune: choice.o }, say);
  };

  /** What typed text becomes: a unit, a question about an old name, buttons to choose from, or "not found". */
  function search(ctx: DialogueContext, d: IntakeData, typed: string, media: string | undefined): DialogueTransition {
    const m = t.messages(ctx);
    const found: PlaceSearch = findPlaces(places, typed);
    const communes = communesOf(found);
    const asked = (choices: PlaceChoice[], text: string) =>
      t.stay({ ...withoutPlaceQuestion(d), placeChoices: choices, placeText: text }, media);

    if (found.district) {
      const sameName = found.candidates.some((c) => !c.old) ? typed.trim() : undefined;
      const list = found.district.communes;
      return asked(
        list.map((c) => ({ c: c.code })),
        m.placeDistrict(
          found.district.name,
          list.map((c) => c.name),
          since,
          sameName,
        ),
      );
    }
    if (communes.length === 0)
      return t.stay(withoutPlaceQuestion(d), t.notice(media, m.placeNotFound(typed, province, example.current)));
    if (communes.length === 1) {
      const commune = communes[0] as (typeof communes)[number];
      const matches = found.candidates.filter((c) => c.commune === commune);
      const olds = matches.filter((c) => c.old);
      if (matches.some((c) => !c.old) || olds.length !== 1) return choose(ctx, d, { c: commune.code }, media);
      const old = olds[0]?.old as NonNullable<(typeof olds)[number]['old']>;
      return t.stay(
        {
          ...withoutPlaceQuestion(d),
          placeCheck: { c: commune.code, o: old.code },
          placeText: m.placeOldCheck(old, commune.name, province),
        },
        media,
      );
    }
    const choices = found.candidates.map((c) => ({ c: c.commune.code, o: c.old?.code }));
    const first = found.candidates[0]?.old;
    if (first && found.candidates.every((c) => c.old === first))
      return asked(
        choices,
        m.placeSplit(
          first,
          communes.map((c) => c.name),
          province,
        ),
      );
    return asked(
      choices,
      m.placeNames(
        typed,
        found.candidates.map((c) => m.placeLine(c.commune.name, c.old)),
      ),
    );
  }

  return {
    prompt: (ctx) => {
      const d = readIntakeData(ctx.data);
      const m = t.messages(ctx);
      const choices: StepChoice[] = [];
      const asking = d.placeCheck !== undefined || (d.placeChoices?.length ?? 0) > 0;
      if (d.placeCheck) choices.push({ label: m.placeYes, value: 'yes' });
      const offered = d.placeChoices ?? [];
      offered.forEach((choice, i) => {
        choices.push({ label: label(choice, offered), value: `#${i}` });
      });
      if (!asking) {
        for (const code of d.placePicks ?? places.quickPicks) {
          const commune = places.commune(code);
          if (commune) choices.push({ label: commune.name, value: commune.code });
        }
      }
      if (d.latitude !== undefined) choices.push({ label: m.onlyLocation, value: 'none' });
      else if (d.kind === 'question') choices.push({ label: m.skipCommune, value: 'none' });
      if (asking) choices.push({ label: d.placeCheck ? m.placeNo : m.placeOther, value: 'no' });
      const text =
        asking && d.placeText
          ? d.placeText
          : m.placePrompt({ canLocate: t.canLocate(ctx), current: example.current, old: example.old, since });
      return { text: t.withNotice(ctx, text), choices };
    },
    accepts: { text: true, attachments: t.media },
    handle: (input, ctx) => {
      const d = t.read(ctx);
      const located = input.attachments.some((a) => a.kind === 'location');
      const media = t.absorbMedia(ctx, d, input.attachments);
      // a location sent now asks its own question (absorbMedia set it), replacing any other
      if (located) return t.stay(d, media);
      let choice = input.choice;
      if (choice === undefined && input.text && d.placeCheck) {
        const folded = foldName(input.text);
        if (YES.has(folded)) choice = 'yes';
        else if (NO.has(folded)) choice = 'no';
      }
      if (choice === 'none')
        return t.advance(ctx, { ...withoutPlaceQuestion(d), commune: null, oldCommune: undefined }, media);
      if (choice === 'no') return t.stay(withoutPlaceQuestion(d), media);
      if (choice === 'yes' && d.placeCheck) return choose(ctx, d, d.placeCheck, media);
      if (choice?.startsWith('#')) {
        const picked = d.placeChoices?.[Number(choice.slice(1))];
        if (!picked) return t.stay(d, media);
        const old = picked.o ? places.oldUnit(picked.o)?.old : undefined;
        const commune = places.commune(picked.c);
        // an old name picked from a list: say once where it belongs now
        const said =
          old && commune && foldName(old.name) !== foldName(commune.name)
            ? t.messages(ctx).placeChosenOld(old, commune.name)
            : undefined;
        return choose(ctx, d, picked, t.notice(media, said));
      }
      if (choice) {
        const commune = places.commune(choice);
        return commune ? choose(ctx, d, { c: commune.code }, media) : t.stay(d, media);
      }
      if (!input.text) return t.stay(d, media);
      return search(ctx, d, input.text, media);
    },
  };
}
