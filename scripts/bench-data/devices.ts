import { Asset, Device, License, Person, Seat } from './model';
import { Rng } from './random';

const PERSONAL = new Set(['laptop', 'desktop', 'mobile']);
const DESKTOP = new Set(['laptop', 'desktop', 'virtual_machine']);
const MAX_DEVICES_PER_SEAT = 3;
const MAX_RESETS_PER_LICENSE = 3;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface DeviceContext {
  licenses: License[];
  persons: Person[];
  assets: Asset[];
  seats: Seat[];
  now: number;
}

/**
 * About `target` activations of per_user seats, on the holder's own devices (laptop,
 * desktop, phone) or a shared desktop of their unit, within maxActivationsPerUser.
 * Then each license's maxActivations (never below what is active) and, where resets
 * are limited, a few past resets (deactivated rows) within maxDeviceResets.
 */
export function generateDevices(rng: Rng, ctx: DeviceContext, target: number): Device[] {
  const { licenses, persons, assets, seats, now } = ctx;
  const owned = new Map<number, number[]>();
  const byUnit = new Map<number, number[]>();
  assets.forEach((a, i) => {
    if (a.status === 'retired') return;
    if (a.owner !== null && PERSONAL.has(a.kind)) append(owned, a.owner, i);
    if (DESKTOP.has(a.kind)) append(byUnit, a.orgUnit, i);
  });
  // Their own devices, plus a few shared desktops of their unit (a hot desk, a VDI machine).
  const candidates = (person: number): number[] => {
    const shared = byUnit.get(persons[person].orgUnit) ?? [];
    const some = Array.from({ length: Math.min(3, shared.length) }, () => rng.pick(shared));
    return [...new Set([...(owned.get(person) ?? []), ...some])];
  };

  const devices: Device[] = [];
  const activeOf = new Array<number>(licenses.length).fill(0);
  const seatsOf = new Map<number, number[]>();
  seats.forEach((seat, s) => {
    if (seat.releasedAt === null && licenses[seat.license].metric === 'per_user')
      append(seatsOf, seat.license, s);
  });
  // Multi-device products (cloud suites) are activated more often than single-device ones;
  // the base rate is set so that about `target` devices come out.
  const perSeat = (s: number) =>
    Math.min(licenses[seats[s].license].maxActivationsPerUser, MAX_DEVICES_PER_SEAT);
  const weight = (s: number) => (perSeat(s) >= 3 ? 2.5 : 1);
  const held = [...seatsOf.values()].flat();
  const expected = held.reduce((sum, s) => sum + weight(s) * ((1 + perSeat(s)) / 2), 0);
  const rate = expected ? target / expected : 0;
  for (const s of held) {
    if (devices.length >= target) break;
    if (!rng.chance(rate * weight(s))) continue;
    const seat = seats[s];
    const choices = candidates(seat.holder);
    const k = Math.min(choices.length, rng.int(1, perSeat(s)));
    for (const at of rng.sample(k, choices.length)) {
      devices.push({
        id: rng.uuid(),
        seat: s,
        asset: choices[at],
        activatedAt: rng.between(seat.assignedAt, now),
        activatedBy: seat.assignedBy,
        deactivatedAt: null,
      });
      activeOf[seat.license]++;
    }
  }

  licenses.forEach((license, l) => {
    if (license.metric !== 'per_user') return;
    if (rng.chance(0.25)) {
      // Some caps are tight (the benchmark meets ACTIVATION_LIMIT there), most are generous.
      license.maxActivations = rng.chance(0.3)
        ? activeOf[l] + rng.int(0, 3)
        : license.quantity * license.maxActivationsPerUser;
    }
    const seatsHeld = seatsOf.get(l) ?? [];
    if (license.maxDeviceResets === null || !seatsHeld.length) return;
    const resets = rng.chance(0.4)
      ? rng.int(1, Math.min(license.maxDeviceResets, MAX_RESETS_PER_LICENSE))
      : 0;
    for (let r = 0; r < resets; r++) {
      const s = rng.pick(seatsHeld);
      const choices = candidates(seats[s].holder);
      if (!choices.length) continue;
      const activatedAt = rng.between(seats[s].assignedAt, now - HOUR);
      devices.push({
        id: rng.uuid(),
        seat: s,
        asset: rng.pick(choices),
        activatedAt,
        activatedBy: seats[s].assignedBy,
        deactivatedAt: rng.between(activatedAt + MINUTE, now),
      });
    }
  });
  return devices;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
