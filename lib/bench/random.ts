// Deterministic randomness for the benchmark's data: every ticket has its own generator seeded from
// (desk, ticket number), so any ticket can be made alone, in any order, in any process, and is always
// the same ticket.

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser: neighbouring inputs give unrelated seeds. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function rngFor(...keys: number[]): Rng {
  let h = 0x2545f491;
  for (const key of keys) h = mix32(h ^ mix32(key));
  return mulberry32(h);
}

export const intBetween = (rnd: Rng, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

export function pickWeighted<T>(rnd: Rng, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let x = rnd() * total;
  for (const [value, weight] of choices) {
    x -= weight;
    if (x < 0) return value;
  }
  return choices.at(-1)![0];
}

/** Log-normal with the given median: response and resolution times have a long tail. */
export function logNormal(rnd: Rng, median: number, sigma: number): number {
  const u = Math.max(rnd(), 1e-12);
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  return median * Math.exp(sigma * normal);
}

/** Zipf over ranks 1..n (rank 1 most frequent): who gets assigned, which words are used. */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(n: number, exponent = 1) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let rank = 1; rank <= n; rank++) this.cumulative[rank - 1] = sum += 1 / rank ** exponent;
    for (let i = 0; i < n; i++) this.cumulative[i]! /= sum;
  }

  /** A 0-based index. */
  index(rnd: Rng): number {
    const x = rnd();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid]! < x) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
