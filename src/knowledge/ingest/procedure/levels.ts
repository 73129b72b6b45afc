// Maps the portal's `cap_thuc_hien` ("Cấp bộ, Cấp tỉnh, Cấp xã", "Cơ quan khác") to our three levels.
import type { Level } from '../../types.js';

const ORDER: Level[] = ['xã', 'tỉnh', 'trung ương'];

/** All levels named, lowest first; "Cơ quan khác" names none. */
export function parseLevels(cell: string | undefined): Level[] {
  const text = (cell ?? '').normalize('NFC').toLocaleLowerCase('vi');
  const found = new Set<Level>();
  if (/cấp\s*xã/u.test(text)) found.add('xã');
  if (/cấp\s*tỉnh/u.test(text)) found.add('tỉnh');
  if (/cấp\s*(bộ|trung ương)/u.test(text)) found.add('trung ương');
  return ORDER.filter((level) => found.has(level));
}
