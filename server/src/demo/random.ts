import { DAY_MS, dayNumberOf, dayStartMs } from '../platform/calendar/shanghai-time.js';

/**
 * Deterministic pseudo-random numbers for the demo (mulberry32): the same seed gives the same Dali every time,
 * so screenshots, docs and bug reports stay comparable. Not for anything secret.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** `n` distinct elements of `xs` (all of them when n ≥ length), in random order. */
  sample<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }

  /** An index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.next() * total;
    for (const [i, w] of weights.entries()) {
      r -= w;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A Pareto-like weight ≥ 1 (a few people do most of the volunteering). */
  heavyTail(alpha = 1.6): number {
    return Math.pow(1 - this.next(), -1 / alpha);
  }
}

/** Splits `total` into `parts` positive integers proportional to `weights` (largest remainders), summing exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

/**
 * Wall-clock times in Asia/Shanghai relative to the seed's "now": `at(-30, 9, 30)` is 09:30 Shanghai time thirty
 * calendar days ago.
 */
export function shanghaiClock(now: Date) {
  const today = dayNumberOf(now);
  return {
    today,
    at: (dayOffset: number, hour: number, minute = 0) => new Date(dayStartMs(today + dayOffset) + (hour * 60 + minute) * 60_000),
    daysAgo: (days: number) => new Date(+now - days * DAY_MS),
  };
}
