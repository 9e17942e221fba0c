import { buildDemoData, DEMO_DEPARTMENT, DEMO_USERS } from './demo-data';
import { addDays } from './demo-licenses';

const TODAY = '2026-11-23';

describe('demo data', () => {
  const data = buildDemoData(TODAY);
  const unique = (values: unknown[]) => new Set(values).size === values.length;

  it('is the same on every build', () => {
    expect(buildDemoData(TODAY)).toEqual(data);
  });

  it('has the promised sizes', () => {
    expect(data.organizations.filter((o) => o.kind === 'internal')).toHaveLength(1);
    expect(data.categories).toEqual(['Open/MOLP', 'OEM', 'Retail', 'Volume', 'Subscription']);
    expect(data.software).toHaveLength(10);
    expect(data.persons).toHaveLength(50);
    expect(data.assets).toHaveLength(80);
    expect(data.licenses).toHaveLength(20);
  });

  it('keeps every unique value unique', () => {
    expect(unique(data.orgUnits.map((u) => u.code))).toBe(true);
    expect(unique(data.persons.map((p) => p.email.toLowerCase()))).toBe(true);
    expect(unique(data.persons.map((p) => p.employeeNumber))).toBe(true);
    expect(unique(data.assets.map((a) => a.inventoryNumber))).toBe(true);
    expect(unique(data.assets.map((a) => a.serialNumber))).toBe(true);
    expect(unique(data.licenses.map((l) => l.name))).toBe(true);
    expect(unique(data.software.map((s) => `${s.name.toLowerCase()}|${s.version}`))).toBe(true);
  });

  it('writes emails in plain ASCII and inventory numbers as INV-000123', () => {
    for (const p of data.persons) expect(p.email).toMatch(/^[a-z]+\.[a-z]+@northwind\.example$/);
    for (const a of data.assets) expect(a.inventoryNumber).toMatch(/^INV-\d{6}$/);
  });

  it('lists tree parents before their children', () => {
    for (const tree of [
      data.orgUnits.map((u) => [u.code, u.parent]),
      data.locations.map((l) => [l.key, l.parent]),
    ]) {
      const seen = new Set<string | null>([null]);
      for (const [key, parent] of tree) {
        expect(seen.has(parent)).toBe(true);
        seen.add(key);
      }
    }
  });

  it('never gives an asset an inactive owner and retires or stocks some hardware', () => {
    const active = new Map(data.persons.map((p) => [p.employeeNumber, p.active]));
    for (const a of data.assets.filter((a) => a.owner)) expect(active.get(a.owner!)).toBe(true);
    expect(data.assets.some((a) => a.status === 'retired')).toBe(true);
    expect(data.assets.some((a) => a.status === 'in_stock')).toBe(true);
    expect(data.persons.filter((p) => !p.active).length).toBeGreaterThanOrEqual(2);
  });

  it('has licenses in every state relative to the day of seeding', () => {
    const exp = data.licenses.map((l) => l.expirationDate);
    const soon = addDays(TODAY, 30);
    expect(exp.filter((d) => d !== null && d < TODAY)).toHaveLength(1);
    expect(exp.filter((d) => d !== null && d >= TODAY && d <= soon).length).toBeGreaterThanOrEqual(2);
    expect(exp.filter((d) => d === null || d > soon).length).toBeGreaterThanOrEqual(10);
    expect(data.licenses.filter((l) => l.currency === 'USD')).toHaveLength(1);
    expect(data.licenses.filter((l) => l.vatRate === '0.00')).toHaveLength(1);
    for (const l of data.licenses) {
      expect(l.netUnitPrice).toMatch(/^\d+\.\d{2}$/);
      expect(l.quantity).toBeGreaterThanOrEqual(5);
      expect(l.quantity).toBeLessThanOrEqual(200);
      expect(l.purchaseDate >= '2025-01-01' && l.purchaseDate <= '2026-12-31').toBe(true);
    }
  });

  it('gives the department head a department with teams, persons and assets below it', () => {
    const head = DEMO_USERS.find((u) => u.role === 'department_head')!;
    expect(head.orgUnit).toBe(DEMO_DEPARTMENT);
    const subtree = new Set([DEMO_DEPARTMENT]);
    for (const u of data.orgUnits) if (u.parent && subtree.has(u.parent)) subtree.add(u.code);
    expect(subtree.size).toBeGreaterThan(1);
    expect(data.persons.filter((p) => subtree.has(p.orgUnit)).length).toBeGreaterThan(5);
    expect(data.assets.filter((a) => subtree.has(a.orgUnit)).length).toBeGreaterThan(5);
  });

  it('uses licenses partly, fully and not at all, within quantity and activation limits', () => {
    const license = new Map(data.licenses.map((l) => [l.name, l]));
    const person = new Map(data.persons.map((p) => [p.employeeNumber, p]));
    const asset = new Map(data.assets.map((a) => [a.inventoryNumber, a]));
    const fill = data.seats.map(({ license: name, holders, devices }) => {
      const l = license.get(name)!;
      expect(unique(holders)).toBe(true);
      expect(holders.length).toBeLessThanOrEqual(l.quantity);
      for (const id of holders) {
        if (l.metric === 'per_user') expect(person.get(id)?.active).toBe(true);
        else expect(asset.get(id)?.status).toBe('in_use');
      }
      const perHolder = new Map<string, number>();
      for (const d of devices) {
        expect(holders).toContain(d.person);
        expect(asset.get(d.asset)).toMatchObject({ owner: d.person, status: 'in_use' });
        perHolder.set(d.person, (perHolder.get(d.person) ?? 0) + 1);
      }
      for (const n of perHolder.values()) expect(n).toBeLessThanOrEqual(l.maxActivationsPerUser ?? 1);
      expect(devices.length).toBeLessThanOrEqual(l.maxActivations ?? Infinity);
      return { metric: l.metric, used: holders.length, quantity: l.quantity, devices: devices.length };
    });
    const full = fill.filter((f) => f.used === f.quantity);
    expect(full.some((f) => f.metric === 'per_user' && f.devices > 0)).toBe(true);
    expect(full.some((f) => f.metric === 'per_device')).toBe(true);
    for (const metric of ['per_user', 'per_device']) {
      expect(
        fill.filter((f) => f.metric === metric && f.used > 0 && f.used < f.quantity).length,
      ).toBeGreaterThanOrEqual(3);
    }
    expect(data.seats.length).toBeLessThan(data.licenses.length);
    const expired = data.licenses.find((l) => l.expirationDate !== null && l.expirationDate < TODAY)!;
    expect(data.seats.find((s) => s.license === expired.name)?.holders.length).toBeGreaterThan(0);
  });
});
