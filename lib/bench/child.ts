// The measured process of the ingest and request benchmarks: one desk synced until caught up, as
// `sync --once` does it. BENCH_LIFT_EXPORT_LIMIT=1 lifts the client's export pacing (the fake then has
// no rate limit either). Prints one JSON line: the run's summary and this process's peak RSS.
import { switchDatabase, syncDeskOnce } from "@/lib/bench/targets";

await switchDatabase(process.env.DATABASE_URL!);

const summary = await syncDeskOnce(Number(process.env.BENCH_DESK_ID), { liftExportLimit: process.env.BENCH_LIFT_EXPORT_LIMIT === "1" });
// resourceUsage().maxRSS is the peak resident set of this process, in kilobytes.
console.log(JSON.stringify({ summary, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
