// `npm run bench:realtime [-- --changes 200 --burst 5000 --modes webhooks,overlap,export]`: a throwaway
// embedded PostgreSQL and fake Zendesk accounts on loopback; prints the change-to-PostgreSQL latency
// (p50/p95/max over the changes) with webhooks on, with webhooks on while an export backfill runs
// ("overlap"), and with webhooks off, then what a burst of changed tickets costs with webhooks on.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runBurstBench, runRealtimeBench, type BurstKind } from "@/lib/bench/realtime";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { prepareRuntime } from "@/lib/runtime";
import { freePort } from "@/lib/testing/net";

const { values } = parseArgs({
  options: {
    changes: { type: "string", default: "200" },
    burst: { type: "string", default: "5000" },
    modes: { type: "string", default: "webhooks,overlap,export" },
    bursts: { type: "string", default: "field,comment" },
  },
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "zdc-bench-rt-"));
  await chmod(dir, 0o777);
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort() });
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    process.env.TOKEN_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    await prepareRuntime(() => {});
    console.log("mode      changes  p50      p95      max      export req  API req");
    for (const name of values.modes.split(",").filter(Boolean)) {
      const mode = name === "export" ? "export" : "webhooks";
      const r = await runRealtimeBench({ mode, overlap: name === "overlap" ? "backfill" : "none", changes: Number(values.changes) });
      console.log([name.padEnd(8), String(r.n).padEnd(7), seconds(r.p50).padEnd(7), seconds(r.p95).padEnd(7), seconds(r.max).padEnd(7), String(r.exportRequests).padEnd(10), r.apiRequests].join("  "));
    }
    for (const kind of values.bursts.split(",").filter(Boolean) as BurstKind[]) {
      const b = await runBurstBench(kind, Number(values.burst));
      const what = kind === "field" ? "a tag changed" : "a comment added";
      console.log(
        `burst of ${b.tickets.toLocaleString("en-US")} tickets (${what}), webhooks on: ${b.exportRequests} export requests, ${b.apiRequests} API requests, ${b.exportSyncs} export sync(s), all in PostgreSQL after ${b.seconds.toFixed(1)} s`,
      );
    }
  } finally {
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
