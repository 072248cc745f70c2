// The measured process of `npm run bench`: one desk synced until caught up, exactly as `sync --once`
// does it, with the client's export pacing lifted (the fake has no rate limit). Prints one JSON line.
import { prepareRuntime } from "@/lib/runtime";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";

await prepareRuntime(() => {});
const deskId = Number(process.env.BENCH_DESK_ID);
const summary = await syncDesk(deskId, {
  steps: inlineSteps,
  trigger: "cli",
  maxPages: Number.POSITIVE_INFINITY,
  tuning: { exportLimitPerWindow: 1_000_000 },
});
// resourceUsage().maxRSS is the peak resident set of this process, in kilobytes.
console.log(JSON.stringify({ summary, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
