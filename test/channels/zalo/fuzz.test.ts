// Property-based: whatever reaches POST /zalo/webhook once its signature checks out (well-formed events with hostile
// fields, 19-digit ids as numbers, any JSON at all), the converter never throws, keeps every id a digit string and
// hands on only clean strings.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { zaloConverterProperty } from '../../support/fuzz/properties.js';

describe('Zalo webhook event → IncomingMessage, fuzzed', () => {
  it('never throws, keeps ids as digit strings, and hands on only clean strings', () => {
    fc.assert(zaloConverterProperty(), { numRuns: 1000 });
  });
});
