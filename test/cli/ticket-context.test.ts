// Who runs a `tickets` command: --as takes an officer's real name ("Nguyễn Văn B") as well as a login name.
import { describe, expect, it } from 'vitest';
import { actorFrom } from '../../src/cli/commands/ticket-context.js';

describe('actorFrom (--as, --role)', () => {
  it('accepts Vietnamese names with single inner spaces, and login-style names', () => {
    expect(actorFrom({ as: 'Nguyễn Văn B' })).toEqual({ name: 'Nguyễn Văn B', role: 'officer' });
    expect(actorFrom({ as: '  Đặng Thị Ánh Tuyết  ', role: 'lead' })).toEqual({
      name: 'Đặng Thị Ánh Tuyết',
      role: 'lead',
    });
    expect(actorFrom({ as: 'can.bo_a-1@ubnd', role: 'inspector' }).name).toBe('can.bo_a-1@ubnd');
    // decomposed accents (as some terminals send them) are stored composed
    expect(actorFrom({ as: 'Nguyễn Văn B'.normalize('NFD') }).name).toBe('Nguyễn Văn B');
    expect(actorFrom({ as: 'Lê' }).name).toBe('Lê');
  });

  it('refuses double spaces, tabs, symbols, and names outside 2–64 characters', () => {
    for (const as of ['Nguyễn  Văn B', 'Nguyễn\tVăn', 'a', 'x'.repeat(65), 'Nguyễn; DROP', 'tên/khác', '   ']) {
      expect(() => actorFrom({ as }), as).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
    expect(actorFrom({ as: `Ng ${'x'.repeat(61)}` }).name).toHaveLength(64);
  });

  it('refuses the resident and system roles', () => {
    expect(() => actorFrom({ as: 'Nguyễn Văn B', role: 'system' })).toThrow(/Unknown role/);
    expect(() => actorFrom({ as: 'Nguyễn Văn B', role: 'resident' })).toThrow(/Unknown role/);
  });
});
