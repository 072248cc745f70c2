// `npm run bench`: a throwaway embedded PostgreSQL and fake Zendesk accounts on loopback; each account
// is synced by a child process (the same pipeline as `sync --once`) whose requests, speed and peak
// memory are reported. Two sizes, and the large one again under a small V8 heap cap, show whether
// memory stays flat as the account grows (V8 lets its heap grow lazily when nothing limits it).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { prepareRuntime } from "@/lib/runtime";
import { freePort } from "@/lib/testing/net";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import type { SyncSummary } from "@/lib/sync/run";

const RUNS: { tickets: number; heapMb?: number }[] = [{ tickets: 10_000 }, { tickets: 50_000 }, { tickets: 50_000, heapMb: 256 }];

type ChildResult = { summary: SyncSummary; peakRssMb: number };

function runChild(deskId: number, heapMb?: number): Promise<ChildResult> {
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...heap, "--conditions=react-server", "--import", "tsx", path.resolve("lib/bench/child.ts")], {
      env: { ...process.env, BENCH_DESK_ID: String(deskId) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`bench child exited with ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(line) as ChildResult);
    });
  });
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "zdc-bench-"));
  await chmod(dir, 0o777);
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort() });
  let fake: FakeZendesk | undefined;
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    process.env.TOKEN_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    await prepareRuntime(() => {});
    console.log("tickets  comments  requests  req/1000 tickets  tickets/s  seconds  peak RSS");
    for (const run of RUNS) {
      fake = await FakeZendesk.start({ seed: run.tickets, tickets: run.tickets });
      const desk = await addFakeDesk(fake);
      const { summary, peakRssMb } = await runChild(desk.id, run.heapMb);
      if (summary.error) throw new Error(`sync failed: ${summary.error}`);
      const perThousand = (fake.count() / summary.tickets) * 1000;
      const row = [
        String(summary.tickets).padEnd(7),
        String(summary.comments).padEnd(8),
        String(fake.count()).padEnd(8),
        perThousand.toFixed(2).padEnd(16),
        Math.round(summary.tickets / summary.seconds).toString().padEnd(9),
        summary.seconds.toFixed(1).padEnd(7),
        `${peakRssMb} MB${run.heapMb ? ` (V8 heap capped at ${run.heapMb} MB)` : ""}`,
      ];
      console.log(row.join("  "));
      await fake.close();
    }
  } finally {
    await fake?.close();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
