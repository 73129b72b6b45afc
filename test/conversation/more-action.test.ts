// The "Xem đủ" button's payload: built and parsed back, malformed ones refused as stale buttons.
import { describe, expect, it } from 'vitest';
import { actionFits, actions, parseAction } from '../../src/conversation/actions.js';

describe('the "Xem đủ" action', () => {
  it("round-trips the document code and the section asked, within Telegram's 64 bytes", () => {
    const action = actions.more('1.000894', 'ho_so');
    expect(action).toBe('more:1.000894:ho_so');
    expect(actionFits(action)).toBe(true);
    expect(parseAction(action)).toEqual({ type: 'more', code: '1.000894', aspect: 'ho_so' });
  });

  it('treats a forged or truncated payload as an unknown button', () => {
    expect(parseAction('more:1.000894')).toEqual({ type: 'unknown' });
    expect(parseAction('more::ho_so')).toEqual({ type: 'unknown' });
    expect(parseAction('more:1.000894:HO SO')).toEqual({ type: 'unknown' });
    expect(parseAction('more:1.000894:ho_so:x')).toEqual({ type: 'unknown' });
  });
});
