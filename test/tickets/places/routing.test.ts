// Routing on the current map: every category, in every unit (or none), lands on a department that exists today.
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTicket, type TicketSettings } from '../../../src/tickets/settings.js';
import { repoSettings } from '../helpers.js';

let settings: TicketSettings;
beforeAll(async () => {
  settings = await repoSettings();
});

describe('routing of the default settings', () => {
  it('sends every category, from every xã/phường or none, to an existing department', () => {
    const active = new Set(settings.routing.units.map((u) => u.code));
    for (const category of settings.categories) {
      for (const commune of [null, ...settings.communes.map((c) => c.code)]) {
        const unit = routeTicket(settings.routing, category.code, commune);
        expect(active.has(unit), `${category.code} @ ${commune}: ${unit}`).toBe(true);
      }
    }
  });

  it('uses the departments of Nghị định 45/2025/NĐ-CP: land and environment, roads and building, procedures', () => {
    const unitOf = (category: string) =>
      settings.routing.units.find((u) => u.code === routeTicket(settings.routing, category, '01843'))?.name;
    expect(unitOf('dat-dai')).toBe('Sở Nông nghiệp và Môi trường');
    expect(unitOf('moi-truong')).toBe('Sở Nông nghiệp và Môi trường');
    expect(unitOf('giao-thong')).toBe('Sở Xây dựng');
    expect(unitOf('xay-dung')).toBe('Sở Xây dựng');
    expect(unitOf('y-te')).toBe('Sở Y tế');
    expect(unitOf('giao-duc')).toBe('Sở Giáo dục và Đào tạo');
    expect(unitOf('an-ninh-trat-tu')).toBe('Công an tỉnh');
    expect(unitOf('thai-do-can-bo')).toBe('Thanh tra tỉnh');
    expect(unitOf('thu-tuc-hanh-chinh')).toBe('Văn phòng UBND tỉnh (bộ phận tiếp dân)');
    expect(unitOf('khac')).toBe('Văn phòng UBND tỉnh (bộ phận tiếp dân)');
    const names = settings.routing.units.map((u) => u.name);
    expect(names).not.toContain('Sở Giao thông vận tải');
    expect(names).not.toContain('Sở Tài nguyên và Môi trường');
    expect(settings.routing.retiredUnits.map((u) => [u.code, u.successor])).toEqual([
      ['so-tnmt', 'so-nnmt'],
      ['so-gtvt', 'so-xd'],
      ['ubnd-tp-bac-kan', undefined],
    ]);
  });

  it('prefers the most specific rule: category and commune, category, commune, then the default unit', () => {
    const routing = {
      units: [],
      retiredUnits: [],
      defaultUnit: 'vp-ubnd',
      rules: [
        { category: 'xay-dung', commune: '01843', unit: 'ubnd-phuong' },
        { category: 'xay-dung', commune: '*', unit: 'so-xd' },
        { category: '*', commune: '01843', unit: 'tiep-dan-phuong' },
      ],
    };
    expect(routeTicket(routing, 'xay-dung', '01843')).toBe('ubnd-phuong');
    expect(routeTicket(routing, 'xay-dung', '01840')).toBe('so-xd');
    expect(routeTicket(routing, 'y-te', '01843')).toBe('tiep-dan-phuong');
    expect(routeTicket(routing, 'y-te', null)).toBe('vp-ubnd');
  });
});
