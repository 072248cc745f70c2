// Ingest: the real pipeline (a child process running `sync --once`) against the fake Zendesk on
// loopback without rate limits, beside two baselines on the same rows in the same run: PostgreSQL COPY
// of the rows the pipeline stored (the local ceiling) and a per-row upsert loop, one autocommitted
// INSERT … ON CONFLICT per row, as the original Rails collector saved tickets. Peak memory of the sync
// process is taken at a fifth of the size and at the full size.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import path from "node:path";
import type pg from "pg";
import type { BenchContext, PartResult } from "@/lib/bench/context";
import { copyIn, copyOut } from "@/lib/bench/copy";
import { freshDatabase, withClient } from "@/lib/bench/database";
import { benchAccount } from "@/lib/bench/fake-account";
import { seconds } from "@/lib/bench/measure";
import { int, type Row } from "@/lib/bench/report";
import { syncInChild, type ChildResult } from "@/lib/bench/sync-child";
import { addDesk, startFakeZendesk, switchDatabase } from "@/lib/bench/targets";

export const INGEST_TICKETS = 100_000;
const LOOP_SAMPLE = 10_000;
const TABLES = [
  { table: "zendesk_tickets", key: "domain, zendesk_id", parent: "zendesk_id" },
  { table: "zendesk_ticket_comments", key: "domain, comment_id", parent: "ticket_id" },
] as const;

async function syncFake(ctx: BenchContext, url: string, tickets: number): Promise<ChildResult & { requests: number }> {
  ctx.log(`ingest: generating a fake Zendesk account of ${int(tickets)} tickets`);
  const fake = await startFakeZendesk(benchAccount(tickets));
  try {
    const deskId = await addDesk(fake, 100);
    ctx.log(`ingest: syncing ${int(tickets)} tickets in a child process`);
    const result = await syncInChild(deskId, { ...ctx.env, DATABASE_URL: url }, true);
    return { ...result, requests: fake.count() };
  } finally {
    await fake.close();
  }
}

/** Columns a writer sets: all but the serial id and generated columns. */
async function writableColumns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' AND column_name <> 'id'
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

const truncate = (client: pg.Client) => client.query(`TRUNCATE ${TABLES.map((t) => t.table).join(", ")} CASCADE`);

/** COPY FROM STDIN of the stored rows (dumped to files first, untimed); seconds for both tables. */
async function copyCeiling(ctx: BenchContext, client: pg.Client, columns: Map<string, string[]>): Promise<number> {
  const dir = path.join(ctx.outputDir, "tmp");
  await mkdir(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const { table } of TABLES) {
    const file = path.join(dir, `${table}.copy`);
    const sink = createWriteStream(file);
    await copyOut(client, `COPY (SELECT ${columns.get(table)!.join(", ")} FROM bench_${table} ORDER BY id) TO STDOUT`, sink);
    sink.end();
    await finished(sink);
    files.set(table, file);
  }
  await truncate(client);
  await client.query("CHECKPOINT");
  const start = performance.now();
  for (const { table } of TABLES) await copyIn(client, `COPY ${table} (${columns.get(table)!.join(", ")}) FROM STDIN`, createReadStream(files.get(table)!));
  const elapsed = seconds(start);
  await rm(dir, { recursive: true, force: true });
  return elapsed;
}

/**
 * One autocommitted, prepared INSERT … ON CONFLICT DO UPDATE per row, for `sample` tickets and their
 * comments from the middle of the stored ones, into tables already holding the tickets before them
 * (written untimed): every index and trigger then costs what it cost the pipeline on average, whose
 * tables grew from empty to full.
 */
async function perRowLoop(client: pg.Client, columns: Map<string, string[]>, sample: number, skip: number): Promise<number> {
  await truncate(client);
  const ticketsIn = (table: string, parent: string, offset: number, limit: number | null) =>
    `FROM bench_${table} WHERE ${parent} IN (SELECT zendesk_id FROM bench_zendesk_tickets ORDER BY id OFFSET ${offset}${limit === null ? "" : ` LIMIT ${limit}`}) ORDER BY id`;
  for (const { table, parent } of TABLES) {
    const names = columns.get(table)!.join(", ");
    await client.query(`INSERT INTO ${table} (${names}) SELECT ${names} ${ticketsIn(table, parent, 0, skip)}`);
  }
  await client.query("VACUUM ANALYZE zendesk_tickets, zendesk_ticket_comments");
  await client.query("CHECKPOINT");
  let elapsed = 0;
  for (const { table, key, parent } of TABLES) {
    const names = columns.get(table)!;
    const keys = key.split(", ");
    // Values travel as text and are cast by the server, as an ORM sends them.
    const { rows } = await client.query<{ values: (string | null)[] }>(
      `SELECT ARRAY[${names.map((n) => `${n}::text`).join(", ")}] AS values ${ticketsIn(table, parent, skip, sample)}`,
    );
    const statement = {
      name: `bench-upsert-${table}`,
      text: `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})
             ON CONFLICT (${key}) DO UPDATE SET ${names.filter((n) => !keys.includes(n)).map((n) => `${n} = EXCLUDED.${n}`).join(", ")}`,
    };
    const start = performance.now();
    for (const row of rows) await client.query({ ...statement, values: row.values });
    elapsed += seconds(start);
  }
  return elapsed;
}

export async function runIngest(ctx: BenchContext): Promise<PartResult> {
  const tickets = ctx.tickets ?? INGEST_TICKETS;
  const small = Math.max(1, Math.round(tickets / 5));
  const url = await freshDatabase(ctx.server, "zdc_bench_ingest");
  await switchDatabase(url);
  const first = await syncFake(ctx, url, small);
  await withClient(url, truncate);
  const full = await syncFake(ctx, url, tickets);
  const { summary } = full;
  const pipelineRate = summary.tickets / summary.seconds;

  const sample = Math.min(tickets, LOOP_SAMPLE);
  const skip = Math.round((summary.tickets - sample) / 2);
  const { copySeconds, loopSeconds } = await withClient(url, async (client) => {
    const columns = new Map<string, string[]>();
    for (const { table } of TABLES) {
      columns.set(table, await writableColumns(client, table));
      await client.query(`CREATE TABLE bench_${table} AS SELECT * FROM ${table}`);
    }
    ctx.log(`ingest: COPY of the ${int(summary.tickets)} stored tickets and ${int(summary.comments)} comments`);
    const copySeconds = await copyCeiling(ctx, client, columns);
    ctx.log(`ingest: per-row upsert loop over ${int(sample)} tickets and their comments after the first ${int(skip)}`);
    const loopSeconds = await perRowLoop(client, columns, sample, skip);
    return { copySeconds, loopSeconds };
  });
  const copyRate = summary.tickets / copySeconds;
  const loopRate = sample / loopSeconds;
  const growth = full.peakRssMb / first.peakRssMb - 1;

  const rows: Row[] = [
    {
      id: "ingest.pipeline",
      part: "ingest",
      label: `pipeline, ${int(summary.tickets)} tickets + ${int(summary.comments)} comments`,
      figures: { ticketsPerSecond: pipelineRate, ofCopy: pipelineRate / copyRate },
      show: (f) => `${int(f.ticketsPerSecond!)} tickets/s = ${Math.round(f.ofCopy! * 100)}% of COPY`,
      before: `COPY ${int(copyRate)} tickets/s`,
      target: "≥ 50% of COPY",
      pass: pipelineRate >= 0.5 * copyRate,
    },
    {
      id: "ingest.vs-loop",
      part: "ingest",
      label: `pipeline vs per-row upsert loop (loop on ${int(sample)} tickets into tables holding ${int(skip)})`,
      figures: { timesLoop: pipelineRate / loopRate },
      show: (f) => `${f.timesLoop!.toFixed(1)}× the loop`,
      before: `loop ${int(loopRate)} tickets/s`,
      target: "≥ 10× the loop",
      pass: pipelineRate >= 10 * loopRate,
    },
    {
      id: "ingest.rss",
      part: "ingest",
      label: `peak RSS of the sync, ${int(small)} → ${int(tickets)} tickets`,
      figures: { smallMb: first.peakRssMb, fullMb: full.peakRssMb },
      show: (f) => `${f.smallMb} → ${f.fullMb} MB (${f.fullMb! >= f.smallMb! ? "+" : ""}${Math.round((f.fullMb! / f.smallMb! - 1) * 100)}%)`,
      target: "flat (≤ +10%), < 300 MB",
      pass: growth <= 0.1 && full.peakRssMb < 300,
    },
  ];
  return {
    rows,
    size: tickets,
    details: { small: first, full, copySeconds, copyRate, loopSample: sample, loopAfter: skip, loopSeconds, loopRate },
  };
}
