// Timing of repeated calls: warm-up runs first (caches, plans, connections), then p50/p95 by nearest rank.

export type Timing = { runs: number; p50: number; p95: number; min: number; max: number; mean: number };

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error("no values");
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Warm-up stops early once it has taken this long: a query of many seconds is as warm after one run. */
const WARMUP_BUDGET_MS = 3000;

export async function timeRuns(run: (i: number) => Promise<unknown>, iterations: number, warmup: number): Promise<Timing> {
  const warming = performance.now();
  let warmed = 0;
  while (warmed < warmup && (warmed === 0 || performance.now() - warming < WARMUP_BUDGET_MS)) await run(warmed++);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run(warmed + i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    runs: times.length,
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    min: round(times[0]!),
    max: round(times.at(-1)!),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
  };
}

export const seconds = (since: number) => (performance.now() - since) / 1000;
