// The real-time part of `npm run bench`: change-to-PostgreSQL latency over `--tickets` changes (default
// 200) with webhooks on and off, with webhooks on while an export backfill runs, and what a burst of
// 5,000 changed tickets (a macro) costs with webhooks on, in a fresh database of the bench's
// PostgreSQL. `npm run bench:realtime` runs the same measurements alone.
import type { BenchContext, PartResult } from "@/lib/bench/context";
import { freshDatabase } from "@/lib/bench/database";
import { runBurstBench, runRealtimeBench, type BurstResult, type RealtimeBenchResult } from "@/lib/bench/realtime";
import { int, type Row } from "@/lib/bench/report";
import { switchDatabase } from "@/lib/bench/targets";

export const REALTIME_CHANGES = 200;
/** The example: a macro touching 5,000 tickets. */
const BURST_TICKETS = 5_000;
const P95_TARGET_MS = 2_000;

const sec = (ms: number) => (ms / 1000).toFixed(2);

function describe(r: RealtimeBenchResult): { id: string; label: string } {
  if (r.overlap === "backfill") return { id: "realtime.latency.webhooks-during-backfill", label: "webhooks on, while an export backfill of 5,000 tickets runs" };
  return r.mode === "webhooks" ? { id: "realtime.latency.webhooks", label: "webhooks on" } : { id: "realtime.latency.export", label: "webhooks off (export loop every 10 s)" };
}

function latencyRow(r: RealtimeBenchResult): Row {
  const { id, label } = describe(r);
  return {
    id,
    part: "realtime",
    label: `a change in Zendesk to its row in PostgreSQL, ${label}, ${int(r.n)} changes (p50 / p95)`,
    figures: { p50: r.p50, p95: r.p95, max: r.max, exportRequests: r.exportRequests, apiRequests: r.apiRequests },
    show: (f) => `${sec(f.p50!)} / ${sec(f.p95!)} s (max ${sec(f.max!)} s; ${int(f.exportRequests!)} export, ${int(f.apiRequests!)} API requests)`,
    target: r.mode === "webhooks" ? `p95 < ${P95_TARGET_MS / 1000} s` : "",
    pass: r.mode === "webhooks" ? r.p95 < P95_TARGET_MS : null,
  };
}

function burstRow(b: BurstResult): Row {
  return {
    id: `realtime.burst.${b.kind}`,
    part: "realtime",
    label: `a burst: ${int(b.tickets)} tickets ${b.kind === "field" ? "retagged" : "given a comment"} at once, webhooks on`,
    figures: { exportRequests: b.exportRequests, apiRequests: b.apiRequests, exportSyncs: b.exportSyncs, seconds: b.seconds },
    show: (f) => `${int(f.exportRequests!)} export + ${int(f.apiRequests!)} API requests, all stored after ${f.seconds!.toFixed(1)} s`,
    target: "",
    pass: null,
  };
}

export async function runRealtimePart(ctx: BenchContext): Promise<PartResult> {
  const changes = ctx.tickets ?? REALTIME_CHANGES;
  await switchDatabase(await freshDatabase(ctx.server, "zdc_bench_realtime"));
  const latencies: RealtimeBenchResult[] = [];
  const runs = [{ mode: "webhooks" }, { mode: "webhooks", overlap: "backfill" }, { mode: "export" }] as const;
  for (const run of runs) {
    const result = await runRealtimeBench({ ...run, changes, log: ctx.log });
    ctx.log(`realtime: ${describe(result).label}: p50 ${sec(result.p50)} s, p95 ${sec(result.p95)} s`);
    latencies.push(result);
  }
  const bursts = [await runBurstBench("field", BURST_TICKETS), await runBurstBench("comment", BURST_TICKETS)];
  return { rows: [...latencies.map(latencyRow), ...bursts.map(burstRow)], size: changes, details: { latencies, bursts } };
}
