import { prng } from '../../src/io/seed/demo-people';

/**
 * A seeded source of randomness (the seed's mulberry32). Every generator takes its
 * own stream, named by a fixed seed, so a change in one table's count does not
 * shift the values of another: the same scale always gives the same data.
 */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  /** [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** An integer in [from, to) (from itself when the range is empty): timestamps in ms. */
  between(from: number, to: number): number {
    return Math.floor(from + this.next() * Math.max(0, to - from));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (!list.length) throw new Error('pick from an empty list');
    return list[Math.floor(this.next() * list.length)];
  }

  /** A value chosen by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** Heavy-tailed positive weight (log-normal, median 1): a few big, many small. */
  lognormal(sigma: number): number {
    // Box-Muller; 1 - u keeps log() away from 0.
    const u = 1 - this.next();
    const v = this.next();
    return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }

  /** A UUID (version 4 layout) drawn from this stream, so ids repeat from run to run. */
  uuid(): string {
    const hex = [0, 1, 2, 3].map(() => (Math.floor(this.next() * 0x1_0000_0000) >>> 0).toString(16));
    const h = hex.map((part) => part.padStart(8, '0')).join('');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /**
   * k distinct indexes of [0, n) (Floyd's algorithm): exactly k draws, whatever
   * k and n, so picking seat holders from a pool of 20,000 stays cheap.
   */
  sample(k: number, n: number): number[] {
    if (k > n) throw new Error(`cannot sample ${k} of ${n}`);
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = this.int(0, j);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen];
  }

  /** Fisher-Yates on a copy. */
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** Picks indexes by weight in O(log n): for thousands of draws over the same weights. */
export function weightedIndex(weights: readonly number[]): (rng: Rng) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (rng) => {
    const r = rng.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
