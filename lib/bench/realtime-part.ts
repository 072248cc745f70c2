// The real-time part of `npm run bench`: change-to-PostgreSQL latency over `--tickets` changes (default
// 200) with webhooks on and off, and what a burst of changed tickets costs with webhooks on, in a fresh
// database of the bench's PostgreSQL. `npm run bench:realtime` runs the same measurements alone.
import type { BenchContext, PartResult } from "@/lib/bench/context";
import { freshDatabase } from "@/lib/bench/database";
import { runBurstBench, runRealtimeBench, type BurstResult, type RealtimeBenchResult, type RealtimeMode } from "@/lib/bench/realtime";
import { int, type Row } from "@/lib/bench/report";
import { switchDatabase } from "@/lib/bench/targets";

export const REALTIME_CHANGES = 200;
/** Under 1,000: see lib/bench/realtime-run.ts for why the fake cannot take a larger burst. */
const BURST_TICKETS = 900;
const P95_TARGET_MS = 2_000;

const LABELS: Record<RealtimeMode, string> = { webhooks: "webhooks on", export: "webhooks off (export loop every 10 s)" };
const sec = (ms: number) => (ms / 1000).toFixed(2);

function latencyRow(r: RealtimeBenchResult): Row {
  return {
    id: `realtime.latency.${r.mode}`,
    part: "realtime",
    label: `a change in Zendesk to its row in PostgreSQL, ${LABELS[r.mode]}, ${int(r.n)} changes (p50 / p95)`,
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
  for (const mode of ["webhooks", "export"] as const) {
    const result = await runRealtimeBench({ mode, changes, log: ctx.log });
    ctx.log(`realtime: ${mode}: p50 ${sec(result.p50)} s, p95 ${sec(result.p95)} s`);
    latencies.push(result);
  }
  const bursts = [await runBurstBench("field", BURST_TICKETS), await runBurstBench("comment", BURST_TICKETS)];
  return { rows: [...latencies.map(latencyRow), ...bursts.map(burstRow)], size: changes, details: { latencies, bursts } };
}
