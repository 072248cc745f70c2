import "server-only";
// Medians from the rollups' duration histograms. Bucket b holds the whole minutes m with
// floor(10 · ln(1 + m)) = b (the migration's ticket_duration_bucket): about 10 % wide, one minute
// wide at the bottom. Each ticket is taken at the value of its bucket that is nearest, relatively, to
// every value the bucket holds, and the median is interpolated between the middle ranks as
// percentile_cont does: so it is within MEDIAN_ERROR (5 %) of the exact median, or half a minute
// (the 9–10 minute bucket). Averages are exact (the rollups sum the minutes).

const SCALE = 10;

/** The bound on screen and in the tests: |median − exact| ≤ 5 % of the exact median + half a minute. */
export const MEDIAN_ERROR = { relative: 0.05, minutes: 0.5 } as const;

/** The whole minutes a bucket holds: [first, last]. */
export function bucketMinutes(bucket: number): [number, number] {
  const lower = Math.exp(bucket / SCALE) - 1;
  const upper = Math.exp((bucket + 1) / SCALE) - 1;
  // Floating point at the edges: the SQL computes floor(10·ln(1+m)), which lands m in exactly one bucket.
  const first = Math.max(0, Math.ceil(lower - 1e-9));
  const last = Math.max(first, Math.ceil(upper - 1e-9) - 1);
  return [first, last];
}

export function bucketOf(minutes: number): number {
  return Math.floor(SCALE * Math.log(1 + Math.max(0, minutes)));
}

/** The value standing for a bucket: 2·first·last / (first + last) is off by at most (last − first) / (last + first) of any value in it. */
export function bucketValue(bucket: number): number {
  const [first, last] = bucketMinutes(bucket);
  return first + last === 0 ? 0 : (2 * first * last) / (first + last);
}

export type DurationSummary = { medianMinutes: number | null; averageMinutes: number | null; tickets: number };

/** The median of bucket counts (bucket → tickets), null without tickets. */
export function medianOf(counts: Iterable<[number, number]>): number | null {
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const tickets = sorted.reduce((n, [, c]) => n + c, 0);
  if (tickets === 0) return null;
  // The value of the ticket at a 0-based rank.
  const at = (rank: number) => {
    let before = 0;
    for (const [bucket, n] of sorted) {
      if (rank < before + n) return bucketValue(bucket);
      before += n;
    }
    return bucketValue(sorted.at(-1)![0]);
  };
  const rank = (tickets - 1) / 2;
  const low = at(Math.floor(rank));
  return low + (rank - Math.floor(rank)) * (at(Math.ceil(rank)) - low);
}

/** From a rollup histogram (element b + 1 counts bucket b), with the exact count and sum of minutes. */
export function summarizeHistogram(histogram: number[], tickets: number, minutes: number): DurationSummary {
  if (tickets <= 0) return { medianMinutes: null, averageMinutes: null, tickets: 0 };
  return { medianMinutes: medianOf(histogram.map((n, bucket) => [bucket, n] as [number, number])), averageMinutes: minutes / tickets, tickets };
}

/** Histograms added element by element. */
export function addHistograms(into: number[], more: number[]): number[] {
  for (let i = 0; i < more.length; i++) into[i] = (into[i] ?? 0) + more[i]!;
  return into;
}
