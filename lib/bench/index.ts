// `npm run bench`: ingest, requests and pages benchmarks on a real PostgreSQL (embedded, or
// DATABASE_URL), in one run, printed as one table with each figure beside its baseline and its target,
// and written as JSON under .bench/results. See --help and README.md ("Performance").
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BenchContext, PartResult } from "@/lib/bench/context";
import { openServer } from "@/lib/bench/database";
import { INGEST_TICKETS, runIngest } from "@/lib/bench/ingest";
import { LOAD_TICKETS, runLoadPart } from "@/lib/bench/load";
import { PAGES_TICKETS, runPages } from "@/lib/bench/pages";
import { REALTIME_CHANGES, runRealtimePart } from "@/lib/bench/realtime-part";
import { machine, readBaseline, renderTable, rowsForJson, saveBaseline, type Part, type Row } from "@/lib/bench/report";
import { BACKFILL_TICKETS, runRequests } from "@/lib/bench/requests";

const PARTS: Record<Part, (ctx: BenchContext) => Promise<PartResult>> = { ingest: runIngest, requests: runRequests, pages: runPages, load: runLoadPart, realtime: runRealtimePart };
const OUTPUT_DIR = path.resolve(".bench");
const BASELINE_FILE = path.resolve("lib/bench/baseline.json");

const HELP = `Usage: npm run bench -- [options]

  --only <parts>       ingest, requests, pages, load, realtime, or a comma-separated list (default: all five)
  --tickets <n>        size instead of the defaults: ingest ${INGEST_TICKETS.toLocaleString("en-US")} (and a fifth of it for memory),
                       pages ${PAGES_TICKETS.toLocaleString("en-US")}, requests ${BACKFILL_TICKETS.toLocaleString("en-US")} (only ever smaller), load ${LOAD_TICKETS.toLocaleString("en-US")},
                       realtime: changes timed, ${REALTIME_CHANGES}
  --iterations <n>     timed runs per page measurement (default 50), after --warmup <n> untimed ones (default 3)
  --http               also measure whole pages, and the load part, through \`next start\` (needs \`npx next build\` first)
  --regenerate         generate the pages database again even if a matching one is stored
  --save-baseline      write this run's figures to lib/bench/baseline.json
  --help

Runs on DATABASE_URL (a role that may create databases; the benchmark works in its own zdc_bench_*
databases) or else on an embedded PostgreSQL with its data in .bench/pg. Results: .bench/results/*.json.
BENCH_CPU_PROF=<dir> writes a CPU profile of the measured sync process (ingest, requests) into <dir>.`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      tickets: { type: "string" },
      iterations: { type: "string", default: "50" },
      warmup: { type: "string", default: "3" },
      http: { type: "boolean", default: false },
      regenerate: { type: "boolean", default: false },
      "save-baseline": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const count = (name: string, text: string | undefined, min: number) => {
    if (text === undefined) return undefined;
    const n = Number(text.replaceAll("_", "").replaceAll(",", ""));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: give a whole number of at least ${min}`);
    return n;
  };
  const parts = (values.only?.split(",").map((p) => p.trim()) ?? Object.keys(PARTS)) as Part[];
  const unknown = parts.filter((p) => !(p in PARTS));
  if (unknown.length) throw new Error(`--only: unknown part ${unknown.join(", ")} (ingest, requests, pages, load or realtime)`);
  return {
    parts,
    tickets: count("tickets", values.tickets, 100),
    iterations: count("iterations", values.iterations, 1)!,
    warmup: count("warmup", values.warmup, 0)!,
    http: values.http,
    regenerate: values.regenerate,
    saveBaseline: values["save-baseline"],
  };
}

/** One run at a time: two runs would share the embedded server and disturb each other's timings. */
function lockOutputDir(): void {
  const file = path.join(OUTPUT_DIR, "run.lock");
  try {
    const pid = Number(readFileSync(file, "utf8"));
    process.kill(pid, 0);
    throw new Error(`Another benchmark is running (pid ${pid}); wait for it or stop it first`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("Another")) throw error;
    // no lock, or its process is gone
  }
  writeFileSync(file, String(process.pid));
  process.once("exit", () => rmSync(file, { force: true }));
}

const minutes = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`);

async function main(): Promise<void> {
  const options = parseOptions();
  await mkdir(path.join(OUTPUT_DIR, "results"), { recursive: true });
  lockOutputDir();
  const log = (line: string) => console.error(line);
  const server = await openServer(OUTPUT_DIR);
  const env = { TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString("base64") };
  process.env.TOKEN_ENCRYPTION_KEY = env.TOKEN_ENCRYPTION_KEY;
  const started = new Date();
  const loads = [os.loadavg()[0]!];
  setInterval(() => loads.push(os.loadavg()[0]!), 10_000).unref();
  const rows: Row[] = [];
  const sizes: Partial<Record<Part, number>> = {};
  const wall: Partial<Record<Part, number>> = {};
  const details: Partial<Record<Part, Record<string, unknown>>> = {};
  try {
    for (const part of options.parts) {
      const ctx: BenchContext = { server, outputDir: OUTPUT_DIR, log, env, ...options };
      const t0 = performance.now();
      const result = await PARTS[part](ctx);
      wall[part] = (performance.now() - t0) / 1000;
      rows.push(...result.rows);
      sizes[part] = result.size;
      details[part] = result.details;
    }
  } finally {
    await server.stop();
  }
  const host = machine(server.description, loads.reduce((a, b) => a + b) / loads.length);
  const baseline = readBaseline(BASELINE_FILE);
  const header = [
    `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    started.toISOString().slice(0, 16).replace("T", " ") + " UTC",
    `commit ${host.commit}`,
    `${host.cores} cores (${host.cpu})`,
    `${host.memoryGb} GB RAM`,
    `load ${host.load} (mean 1-min load over the run)`,
    host.postgres,
    `Node ${host.node}`,
  ].join(" · ");
  console.log(`\n${renderTable(rows, header, baseline, sizes)}`);
  console.log(`\nwall time: ${options.parts.map((p) => `${p} ${minutes(wall[p]!)}`).join(", ")}; pages p50 / p95 over ${options.iterations} runs after ${options.warmup} warm-up runs`);

  const file = path.join(OUTPUT_DIR, "results", `${started.toISOString().replace(/[:.]/g, "-")}.json`);
  const json = { date: started.toISOString(), options, machine: host, sizes, wallSeconds: wall, rows: rowsForJson(rows, baseline, sizes), details };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  if (options.saveBaseline) {
    saveBaseline(BASELINE_FILE, baseline, rows, { date: started.toISOString(), machine: host, sizes, iterations: options.iterations });
    console.log(`baseline: ${path.relative(process.cwd(), BASELINE_FILE)}`);
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
