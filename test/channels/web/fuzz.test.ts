// Property-based: whatever a page or an app posts (binary junk, NUL, lone surrogates, 20,000 units), the web
// converter never throws, keeps only clean strings, and caps what the transcript keeps.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { webConverterProperty } from '../../support/fuzz/properties.js';

describe('web chat post → IncomingMessage, fuzzed', () => {
  it('never throws and hands on only clean strings', () => {
    fc.assert(webConverterProperty(), { numRuns: 1000 });
  });
});
