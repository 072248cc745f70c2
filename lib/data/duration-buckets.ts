import "server-only";
// Medians from the rollups' duration histograms. Bucket b holds the whole minutes m with
// floor(10 · ln(1 + m)) = b (the migration's ticket_duration_bucket): about 10 % wide, one minute
// wide at the bottom. The median is interpolated inside its bucket, so it is within 5 % of the
// exact one (exact where a bucket holds one value); averages are exact (the rollups sum the minutes).

const SCALE = 10;

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

type BucketCount = { bucket: number; tickets: number; minutes: number };
export type DurationSummary = { medianMinutes: number | null; averageMinutes: number | null; tickets: number };

/**
 * The median, given the bucket that holds the middle rank ((tickets - 1) / 2, as percentile_cont
 * takes it), how many tickets come before that bucket and how many it holds.
 */
function medianIn(bucket: number, before: number, inBucket: number, tickets: number): number {
  const rank = (tickets - 1) / 2;
  const [first, last] = bucketMinutes(bucket);
  const within = inBucket === 1 ? 0.5 : Math.min(1, Math.max(0, (rank - before) / (inBucket - 1)));
  return first + within * (last - first);
}

function summarize(buckets: BucketCount[]): DurationSummary {
  const sorted = buckets.filter((b) => b.tickets > 0).sort((a, b) => a.bucket - b.bucket);
  const tickets = sorted.reduce((n, b) => n + b.tickets, 0);
  if (tickets === 0) return { medianMinutes: null, averageMinutes: null, tickets: 0 };
  const total = sorted.reduce((n, b) => n + b.minutes, 0);
  const rank = (tickets - 1) / 2;
  let before = 0;
  let median = 0;
  for (const b of sorted) {
    if (rank < before + b.tickets) {
      median = medianIn(b.bucket, before, b.tickets, tickets);
      break;
    }
    before += b.tickets;
  }
  return { medianMinutes: median, averageMinutes: total / tickets, tickets };
}

/** From a rollup histogram (element b + 1 counts bucket b), with the exact count and sum of minutes. */
export function summarizeHistogram(histogram: number[], tickets: number, minutes: number): DurationSummary {
  if (tickets <= 0) return { medianMinutes: null, averageMinutes: null, tickets: 0 };
  const { medianMinutes } = summarize(histogram.map((n, bucket) => ({ bucket, tickets: n, minutes: 0 })));
  return { medianMinutes, averageMinutes: minutes / tickets, tickets };
}

/** Histograms added element by element. */
export function addHistograms(into: number[], more: number[]): number[] {
  for (let i = 0; i < more.length; i++) into[i] = (into[i] ?? 0) + more[i]!;
  return into;
}
