import { Actor, Asset, License, Person, Seat } from './model';
import { HolderPools } from './pools';
import { Rng, weightedIndex } from './random';
import { dayStart } from './time';

export interface SeatTargets {
  active: number;
  released: number;
  /** Licenses of each metric that keep at least MIN_FREE free seats. */
  roomyPerMetric: number;
}

export interface SeatContext {
  licenses: License[];
  persons: Person[];
  assets: Asset[];
  pools: HolderPools;
  /** Depth of each org unit (0 = root), for how much a license placed there weighs. */
  unitDepth: number[];
  /** Units of the department head's division: some of their seats were assigned by them. */
  departmentHeadUnits: Set<number>;
  /** Epoch ms every timestamp stays before. */
  now: number;
}

export const MIN_FREE = 5;
// A license is never filled from its whole pool: some holders stay free to assign in the benchmark.
const POOL_SHARE = 0.85;
const BY_DEPTH = [6, 3, 1.5, 1];
const MAX_REMAINDER_PASSES = 50;

/**
 * Active seats (first, license by license) and released seats of past holders
 * (after them). Sets each license's quantity: used plus some free seats.
 */
export function generateSeats(rng: Rng, ctx: SeatContext, targets: SeatTargets): Seat[] {
  const used = allocate(rng, ctx, targets.active);
  setQuantities(rng, ctx.licenses, used, targets.roomyPerMetric);
  const seats: Seat[] = [];
  ctx.licenses.forEach((license, l) => {
    const pool = ctx.pools.for(license, true);
    const from = assignableFrom(license, ctx.now);
    for (const at of rng.sample(used[l], pool.length)) {
      const holder = pool[at];
      const assignedAt = rng.between(from, ctx.now);
      seats.push({
        id: rng.uuid(),
        license: l,
        holder,
        assignedAt,
        assignedBy: assigner(rng, ctx, license, holder),
        releasedAt: null,
        releasedBy: null,
        releaseReason: null,
      });
    }
  });
  seats.push(...pastSeats(rng, ctx, used, targets.released));
  return seats;
}

/**
 * Seats per license: a heavy-tailed share of the total (company-wide licenses
 * weigh more than a team's), capped by the holders in reach, the rest spread
 * over the licenses with room left. The benchmark's root pool gets a modest fill.
 */
function allocate(rng: Rng, ctx: SeatContext, total: number): number[] {
  const caps = ctx.licenses.map((l) => Math.floor(ctx.pools.for(l, true).length * POOL_SHARE));
  const used = ctx.licenses.map((l, i) => (l.benchPool ? Math.min(caps[i], rng.int(20, 120)) : 0));
  const weights = ctx.licenses.map((l) =>
    l.benchPool ? 0 : BY_DEPTH[l.orgUnit === null ? 0 : ctx.unitDepth[l.orgUnit]] * rng.lognormal(1),
  );
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const rest = total - used.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => (used[i] = Math.min(caps[i], used[i] + Math.floor((w * rest) / weightSum))));
  let remainder = total - used.reduce((a, b) => a + b, 0);
  for (let pass = 0; pass < MAX_REMAINDER_PASSES && remainder > 0; pass++) {
    const open = used.flatMap((u, i) => (u < caps[i] && !ctx.licenses[i].benchPool ? [i] : []));
    if (!open.length) break;
    const share = Math.ceil(remainder / open.length);
    for (const i of open) {
      const add = Math.min(share, caps[i] - used[i], remainder);
      used[i] += add;
      remainder -= add;
      if (!remainder) break;
    }
  }
  if (remainder > 0) {
    console.warn(`bench-data: only ${total - remainder} of ${total} seats fit the holders in reach`);
  }
  return used;
}

/**
 * quantity = used + free: 12% of licenses are full, about half have a few free
 * seats, the rest (and the root pool) have room; then enough licenses of each
 * metric are widened to MIN_FREE so the benchmark finds them.
 */
function setQuantities(rng: Rng, licenses: License[], used: number[], roomyPerMetric: number): void {
  const free = licenses.map((l, i) => {
    if (l.benchPool) return rng.int(100, 300);
    const kind = rng.weighted([
      ['full', 12],
      ['few', 48],
      ['roomy', 40],
    ] as const);
    if (kind === 'full') return used[i] ? 0 : 1;
    return kind === 'few' ? rng.int(1, MIN_FREE - 1) : rng.int(MIN_FREE, 25);
  });
  for (const metric of ['per_user', 'per_device'] as const) {
    let roomy = licenses.filter((l, i) => l.metric === metric && free[i] >= MIN_FREE).length;
    for (let i = 0; i < licenses.length && roomy < roomyPerMetric; i++) {
      if (licenses[i].metric !== metric || free[i] >= MIN_FREE) continue;
      free[i] = rng.int(MIN_FREE, 15);
      roomy++;
    }
  }
  licenses.forEach((l, i) => (l.quantity = used[i] + free[i]));
}

/** Past holders: an assign and a release each, on licenses in proportion to their use. */
function pastSeats(rng: Rng, ctx: SeatContext, used: number[], count: number): Seat[] {
  const licenseOf = weightedIndex(used.map((u) => u + 1));
  const seats: Seat[] = [];
  for (let n = 0; n < count; n++) {
    const l = licenseOf(rng);
    const license = ctx.licenses[l];
    const pool = ctx.pools.for(license, false);
    if (!pool.length) continue;
    const holder = rng.pick(pool);
    const from = assignableFrom(license, ctx.now);
    const assignedAt = rng.between(from, ctx.now - 2 * HOUR);
    const releasedAt = rng.between(assignedAt + HOUR, ctx.now);
    const gone =
      license.metric === 'per_user' ? !ctx.persons[holder].active : ctx.assets[holder].status === 'retired';
    seats.push({
      id: rng.uuid(),
      license: l,
      holder,
      assignedAt,
      assignedBy: rng.chance(0.85) ? 'asset_manager' : 'admin',
      releasedAt,
      releasedBy: rng.chance(0.85) ? 'asset_manager' : 'admin',
      releaseReason: gone ? (license.metric === 'per_user' ? 'offboarded' : 'asset_retired') : 'unassigned',
    });
  }
  return seats;
}

const HOUR = 3_600_000;

/** Seats are handed out from the morning of the purchase date on. */
function assignableFrom(license: License, now: number): number {
  return Math.min(dayStart(license.purchaseDate) + 8 * HOUR, now - 3 * HOUR);
}

function assigner(rng: Rng, ctx: SeatContext, license: License, holder: number): Actor {
  const unit = license.metric === 'per_user' ? ctx.persons[holder].orgUnit : ctx.assets[holder].orgUnit;
  if (ctx.departmentHeadUnits.has(unit) && rng.chance(0.5)) return 'department_head';
  return rng.chance(0.12) ? 'admin' : 'asset_manager';
}
