// Finding a commune from what a resident typed or from a shared location (pure functions).
import { describe, expect, it } from 'vitest';
import {
  bareName,
  districtsOf,
  findCommunes,
  findDistrict,
  nearestCommunes,
} from '../../src/tickets/intake/find-commune.js';
import type { Commune } from '../../src/tickets/settings.js';

const communes: Commune[] = [
  {
    code: 'duc-xuan',
    name: 'Phường Đức Xuân',
    district: 'Thành phố Bắc Kạn',
    remote: false,
    latitude: 22.147,
    longitude: 105.834,
  },
  {
    code: 'song-cau',
    name: 'Phường Sông Cầu',
    district: 'Thành phố Bắc Kạn',
    remote: false,
    latitude: 22.16,
    longitude: 105.84,
  },
  {
    code: 'cho-ra',
    name: 'Thị trấn Chợ Rã',
    district: 'Huyện Ba Bể',
    remote: false,
    latitude: 22.45,
    longitude: 105.73,
  },
  { code: 'nam-mau', name: 'Xã Nam Mẫu', district: 'Huyện Ba Bể', remote: true },
  { code: 'cao-thuong', name: 'Xã Cao Thượng', district: 'Huyện Ba Bể', remote: true },
  { code: 'thuong-quan', name: 'Xã Thượng Quan', district: 'Huyện Ngân Sơn', remote: true },
];

describe('findCommunes', () => {
  it('ignores the xã/phường/thị trấn prefix, diacritics and case', () => {
    expect(bareName('TT. Chợ Rã')).toBe('cho ra');
    expect(findCommunes(communes, 'duc xuan').map((c) => c.code)).toEqual(['duc-xuan']);
    expect(findCommunes(communes, 'Xã Nam Mẫu').map((c) => c.code)).toEqual(['nam-mau']);
    expect(findCommunes(communes, 'song-cau').map((c) => c.code)).toEqual(['song-cau']);
  });

  it('returns every commune containing a shared word, and nothing for unknown or too short text', () => {
    expect(findCommunes(communes, 'thượng').map((c) => c.code)).toEqual(['cao-thuong', 'thuong-quan']);
    expect(findCommunes(communes, 'Hà Nội')).toEqual([]);
    expect(findCommunes(communes, 'x')).toEqual([]);
  });
});

describe('districts', () => {
  it('lists districts in order and finds one by name without its prefix', () => {
    expect(districtsOf(communes)).toEqual(['Thành phố Bắc Kạn', 'Huyện Ba Bể', 'Huyện Ngân Sơn']);
    expect(findDistrict(districtsOf(communes), 'ba be')).toBe('Huyện Ba Bể');
    expect(findDistrict(districtsOf(communes), 'TP Bắc Kạn')).toBe('Thành phố Bắc Kạn');
    expect(findDistrict(districtsOf(communes), 'Chợ Mới')).toBeUndefined();
  });
});

describe('nearestCommunes', () => {
  it('suggests configured centres nearest first, within 30 km, skipping communes without coordinates', () => {
    const near = nearestCommunes(communes, 22.15, 105.835, 4);
    expect(near.map((n) => n.commune.code)).toEqual(['duc-xuan', 'song-cau']);
    expect(near[0]?.km).toBeLessThan(1);
    expect(nearestCommunes(communes, 21.0285, 105.8542, 4)).toEqual([]); // Hà Nội: nothing configured nearby
  });
});
