import "server-only";
// Medians from the rollups' duration buckets. A bucket b holds the whole minutes m with
// floor(10 · ln(1 + m)) = b (the migration's ticket_duration_bucket): about 10 % wide, one minute
// wide at the bottom. The median is interpolated inside its bucket, so it is within 5 % of the
// exact one (exact where a bucket holds one value); averages are exact (each bucket sums its minutes).

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

export type BucketCount = { bucket: number; tickets: number; minutes: number };
export type DurationSummary = { medianMinutes: number | null; averageMinutes: number | null; tickets: number };

export function summarize(buckets: BucketCount[]): DurationSummary {
  const sorted = buckets.filter((b) => b.tickets > 0).sort((a, b) => a.bucket - b.bucket);
  const tickets = sorted.reduce((n, b) => n + b.tickets, 0);
  if (tickets === 0) return { medianMinutes: null, averageMinutes: null, tickets: 0 };
  const total = sorted.reduce((n, b) => n + b.minutes, 0);
  // The middle rank (an average of the two middle values for an even count, as percentile_cont does).
  const rank = (tickets - 1) / 2;
  let before = 0;
  let median = 0;
  for (const b of sorted) {
    if (rank < before + b.tickets) {
      const [first, last] = bucketMinutes(b.bucket);
      const within = b.tickets === 1 ? 0.5 : (rank - before) / (b.tickets - 1);
      median = first + within * (last - first);
      break;
    }
    before += b.tickets;
  }
  return { medianMinutes: median, averageMinutes: total / tickets, tickets };
}
