// Pages: p50/p95 of the exact data calls of the tickets page (typical views), of every chart of the
// charts page, of the ticket page, and CSV export rows/s, on a database of 2,000,000 generated tickets.
// Generating it takes many minutes, so it is kept (per size) and reused while the generator's version
// and size match the label it carries; migrations added since are applied to it.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { BenchContext, PartResult } from "@/lib/bench/context";
import { databaseLabel, freshDatabase, labelDatabase, withClient, type BenchServer } from "@/lib/bench/database";
import { DESKS, GENERATOR_VERSION } from "@/lib/bench/data-model";
import { fillDatabase } from "@/lib/bench/fill-database";
import { startHttpApp } from "@/lib/bench/http-pages";
import { seconds, timeRuns, type Timing } from "@/lib/bench/measure";
import { int, pagesTiming, type Figures, type Row } from "@/lib/bench/report";
import { CHARTS, exportRows, maskedTicketsPage, migrate, ticketPage, ticketsPage, ticketWhereSql, switchDatabase } from "@/lib/bench/targets";
import { chartFilters, DEEP_PAGE, listViews } from "@/lib/bench/views";

export const PAGES_TICKETS = 2_000_000;
const EXPORT_ROWS = 100_000;
const EXPORT_RUNS = 3;

async function pagesDatabase(ctx: BenchContext, tickets: number): Promise<{ url: string; generatedSeconds: number | null }> {
  const name = `zdc_bench_pages_${tickets}`;
  const label = `zendesk-data-collector bench data v${GENERATOR_VERSION}, ${tickets} tickets`;
  const server: BenchServer = ctx.server;
  if (!ctx.regenerate && (await databaseLabel(server, name)) === label) {
    const url = server.urlOf(name);
    const applied = await migrate(url);
    if (applied.length) await withClient(url, (c) => c.query("ANALYZE"));
    ctx.log(`pages: reusing ${name}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
    return { url, generatedSeconds: null };
  }
  const started = performance.now();
  const url = await freshDatabase(server, name);
  await fillDatabase(url, tickets, ctx.log);
  // Labelled only once complete: an interrupted generation is started again next time.
  await labelDatabase(server, name, label);
  const generatedSeconds = seconds(started);
  ctx.log(`pages: generated ${name} in ${(generatedSeconds / 60).toFixed(1)} min`);
  return { url, generatedSeconds };
}

const timingFigures = (t: Timing): Figures => ({ ...t });

function timedRow(id: string, label: string, timing: Timing | null, targetMs: number | null): Row {
  return {
    id,
    part: "pages",
    label,
    figures: timing && timingFigures(timing),
    show: pagesTiming,
    missing: "n/a (not built yet)",
    target: targetMs === null ? "" : `p95 < ${targetMs} ms`,
    pass: timing === null || targetMs === null ? null : timing.p95 < targetMs,
  };
}

export async function runPages(ctx: BenchContext): Promise<PartResult> {
  const tickets = ctx.tickets ?? PAGES_TICKETS;
  const { url, generatedSeconds } = await pagesDatabase(ctx, tickets);
  await switchDatabase(url);
  const { deskIds, firstId, lastId } = await withClient(url, async (c) => {
    const desks = await c.query<{ id: number; domain: string }>("SELECT id, domain FROM desks");
    const ids = await c.query<{ first: string; last: string }>("SELECT min(id)::text AS first, max(id)::text AS last FROM zendesk_tickets");
    return {
      deskIds: DESKS.map((d) => desks.rows.find((r) => r.domain === d.domain)!.id),
      firstId: Number(ids.rows[0]!.first),
      lastId: Number(ids.rows[0]!.last),
    };
  });
  const countMatches = async (query: string) => {
    const where = await ticketWhereSql(query);
    return withClient(url, async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM zendesk_tickets t ${where.text}`, where.values)).rows[0]!.n));
  };
  const rows: Row[] = [];
  const measure = async (id: string, label: string, run: (i: number) => Promise<unknown>, targetMs: number | null) => {
    const timing = await timeRuns(run, ctx.iterations, ctx.warmup);
    ctx.log(`pages: ${label}: p50 ${timing.p50} ms, p95 ${timing.p95} ms`);
    rows.push(timedRow(id, label, timing, targetMs));
  };

  const matches: Record<string, number> = {};
  for (const view of listViews(deskIds)) {
    const matching = (matches[view.key] = await countMatches(view.query));
    await measure(`pages.tickets.${view.key}`, `tickets: ${view.label} [${int(matching)}]`, () => ticketsPage(view.query), 100);
  }
  let deep = "";
  let depth = 0;
  for (let next: string | null = ""; depth < DEEP_PAGE && next !== null; depth++) {
    deep = next ? `after=${next}` : "";
    next = (await ticketsPage(deep)).next;
  }
  await measure("pages.tickets.deep-page", `tickets: default sort, page ${depth} (keyset)`, () => ticketsPage(deep), 100);
  const masked = maskedTicketsPage;
  if (masked) await measure("pages.tickets.masked", "tickets: a viewer's masked view", () => masked(""), 100);
  else rows.push(timedRow("pages.tickets.masked", "tickets: a viewer's masked view", null, 100));

  for (const { key: filterKey, label: filterLabel, filter } of chartFilters(deskIds)) {
    for (const [key, chart] of Object.entries(CHARTS)) {
      await measure(`pages.charts.${key}.${filterKey}`, `charts: ${chart.title}, ${filterLabel}`, () => chart.run(filter), 200);
    }
  }

  // Tickets spread over the whole table, a different one each run.
  const ticketIds = Array.from({ length: 97 }, (_, i) => String(firstId + Math.floor(((lastId - firstId) * i) / 96)));
  await measure("pages.ticket", "ticket page: ticket + comments", (i) => ticketPage(ticketIds[i % ticketIds.length]!), null);

  const limit = Math.min(EXPORT_ROWS, tickets);
  const rates: number[] = [];
  for (let run = 0; run < EXPORT_RUNS; run++) {
    const started = performance.now();
    const exported = await exportRows("", limit);
    rates.push(exported / seconds(started));
  }
  const exportRate = rates.sort((a, b) => a - b)[Math.floor(EXPORT_RUNS / 2)]!;
  ctx.log(`pages: CSV export: ${int(exportRate)} rows/s`);
  rows.push({
    id: "pages.export",
    part: "pages",
    label: `CSV export (ticketBatches), first ${int(limit)} rows, median of ${EXPORT_RUNS}`,
    figures: { rowsPerSecond: exportRate },
    show: (f) => `${int(f.rowsPerSecond!)} rows/s`,
    target: "≥ 20,000 rows/s",
    pass: exportRate >= 20_000,
  });

  if (ctx.http) {
    const app = await startHttpApp({ ...ctx.env, DATABASE_URL: url, DATA_DIR: path.join(ctx.outputDir, "http"), AUTH_SECRET: randomBytes(32).toString("base64") });
    try {
      const cf = encodeURIComponent("VIP::checked::true");
      for (const [key, pathAndQuery] of [["tickets", "/tickets"], ["tickets-vip-open", `/tickets?cf=${cf}&status=open`], ["charts", "/charts"], ["ticket", `/tickets/${ticketIds[1]}`]] as const) {
        await measure(`pages.http.${key}`, `HTTP GET ${decodeURIComponent(pathAndQuery)} (whole page)`, () => app.get(pathAndQuery), null);
      }
    } finally {
      await app.stop();
    }
  }
  return { rows, size: tickets, details: { generatedSeconds, matches, exportRates: rates } };
}
