// Property-based: any Telegram update (hostile strings, any shape, any JSON) is read without throwing, hands on only
// clean strings, and, through the real engine and ticket intake on PGlite, never fails a resident nor stores junk.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDatabase } from '../../support/fuzz/clean.js';
import { telegramConverterProperty, telegramEngineProperty } from '../../support/fuzz/properties.js';
import { createIntakeHarness, type IntakeHarness } from '../../tickets/intake-harness.js';

describe('Telegram update → IncomingMessage, fuzzed', () => {
  it('never throws and hands on only clean strings', () => {
    fc.assert(telegramConverterProperty(), { numRuns: 1000 });
  });
});

describe('Telegram updates through the engine, fuzzed', () => {
  let h: IntakeHarness;
  beforeAll(async () => {
    h = await createIntakeHarness();
  });
  afterAll(async () => h?.close());

  it('never fails a resident, and the database holds no unclean string afterwards', async () => {
    await fc.assert(
      telegramEngineProperty(() => h.engine),
      { numRuns: 80 },
    );
    expect(await h.db.prisma.processedMessage.count()).toBeGreaterThan(0);
    expect(await scanDatabase(h.db)).toEqual([]);
  });
});
