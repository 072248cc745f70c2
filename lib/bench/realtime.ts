// Real-time benchmark: how long a change made in Zendesk (a fake one on loopback; the desk paced like a
// Professional plan: half of 700 requests and 10 export requests a minute) takes to be visible in PostgreSQL,
// with webhooks on (the app's receiver, the in-process fetch, the catch-up sync as safety net) and off
// (the sync loop alone, every 10 s, the shortest wait a desk allows). And what a burst costs: a macro
// changing thousands of tickets at once. Needs a prepared runtime (lib/bench/realtime-run.ts makes
// one); the webhook route is served by lib/testing/webhook-app.ts, the same receiver the route calls.
import { context, setContext } from "@/lib/context";
import { db } from "@/lib/db/client";
import { enableRealtime } from "@/lib/desks";
import { withDeskLock } from "@/lib/db/locks";
import { startSyncLoop } from "@/lib/sync/loop";
import { flushDeliveryCounts } from "@/lib/sync/realtime-counters";
import { syncDesk } from "@/lib/sync/run";
import { resetCursors } from "@/lib/sync/state";
import { inlineSteps } from "@/lib/sync/steps";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { startWebhookApp, type WebhookApp } from "@/lib/testing/webhook-app";

export type RealtimeMode = "webhooks" | "export";

/** What else runs while the changes are made: nothing, or an export backfill of the whole account again and again. */
export type Overlap = "none" | "backfill";

export type RealtimeBenchOptions = {
  mode: RealtimeMode;
  /** Changes measured (at least 200 for the figures the README quotes). */
  changes?: number;
  /** Pause between two changes. */
  intervalMs?: number;
  tickets?: number;
  overlap?: Overlap;
  log?: (line: string) => void;
};

export type RealtimeBenchResult = {
  mode: RealtimeMode;
  overlap: Overlap;
  n: number;
  p50: number;
  p95: number;
  max: number;
  exportRequests: number;
  apiRequests: number;
  /** Backfills that ran (at least partly) while the changes were made. */
  overlappingSyncs: number;
};

export type BurstKind = "field" | "comment";
export type BurstResult = { kind: BurstKind; tickets: number; seconds: number; exportRequests: number; apiRequests: number; exportSyncs: number };

/** Professional plan: 700 requests a minute; this collector may spend half. */
const PLAN = { rateLimitPerMinute: 700, rateLimitShare: 50 };
const POLL_MS = 20;

type Setup = { fake: FakeZendesk; deskId: number; app?: WebhookApp; stopLoop: () => Promise<void> };

/**
 * A desk on a fresh fake account, synced once; webhooks on or off; the sync loop running as in the
 * app. The first copy is made without export pacing (it is not measured), then the export budget is
 * emptied, as if it had been made more than a minute ago.
 */
async function setUp(mode: RealtimeMode, tickets: number, seed: number): Promise<Setup> {
  const fake = await FakeZendesk.start({ seed, tickets, commentsPerTicket: [1, 2] });
  const desk = await addFakeDesk(fake, PLAN);
  // The loop's wait: the shortest a desk allows without webhooks, the default with them.
  await db().desk.update({ where: { id: desk.id }, data: { waitIntervalSeconds: mode === "export" ? 10 : 60 } });
  const first = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", maxPages: Number.POSITIVE_INFINITY, tuning: { exportLimitPerWindow: 1_000_000 } });
  if (first.error) throw new Error(`bench: first sync failed: ${first.error}`);
  await db().exportBudget.deleteMany({ where: { deskId: desk.id } });
  await db().desk.update({ where: { id: desk.id }, data: { lastSyncFinishedAt: new Date() } });
  let app: WebhookApp | undefined;
  if (mode === "webhooks") {
    app = await startWebhookApp();
    setContext({ ...context(), env: { ...context().env, APP_URL: app.url } });
    await enableRealtime({ actor: { kind: "cli" }, defer: () => {} }, desk.id);
    await fake.webhooks.deliveries.idle();
  }
  const stop = new AbortController();
  const loop = startSyncLoop({ signal: stop.signal, log: () => {} });
  return {
    fake,
    deskId: desk.id,
    app,
    stopLoop: async () => {
      stop.abort();
      await loop;
    },
  };
}

async function tearDown(setup: Setup): Promise<void> {
  await setup.stopLoop();
  await setup.app?.settled();
  await setup.fake.close();
  await setup.app?.close();
  await flushDeliveryCounts();
  await db().desk.delete({ where: { id: setup.deskId } });
}

const count = (fake: FakeZendesk, from: number, exports: boolean) =>
  fake.requests.slice(from).filter((r) => r.path.startsWith("/api/v2/") && !r.path.startsWith("/api/v2/webhooks") && r.path.startsWith("/api/v2/incremental/") === exports).length;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * The worst an export sync can do to the webhook path: the whole account read again from the start,
 * under the desk's lock as the app's own syncs hold it, pages back to back (no export pacing, so it
 * writes all the time instead of waiting for slots), one backfill after the other until `stop`.
 */
function backfillUntil(deskId: number, stop: AbortSignal): { runs: () => number; done: Promise<void> } {
  let runs = 0;
  const done = (async () => {
    while (!stop.aborted) {
      await resetCursors(deskId, new Date("2020-01-01T00:00:00Z"));
      const summary = await withDeskLock(deskId, () =>
        syncDesk(deskId, { steps: inlineSteps, trigger: "app", signal: stop, maxPages: Number.POSITIVE_INFINITY, tuning: { exportLimitPerWindow: 1_000_000 } }),
      );
      if (summary?.error) throw new Error(`bench: overlapping backfill failed: ${summary.error}`);
      if (summary) runs++;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return { runs: () => runs, done };
}

/** Change a ticket every `intervalMs`, each a different one, and time each until PostgreSQL shows it. */
export async function runRealtimeBench(options: RealtimeBenchOptions): Promise<RealtimeBenchResult> {
  const changes = options.changes ?? 200;
  const overlap = options.overlap ?? "none";
  const tickets = Math.max(options.tickets ?? (overlap === "none" ? 500 : 5_000), changes);
  const intervalMs = options.intervalMs ?? 100;
  const setup = await setUp(options.mode, tickets, options.mode === "webhooks" ? 101 : 102);
  const stopOverlap = new AbortController();
  const overlapping = overlap === "backfill" ? backfillUntil(setup.deskId, stopOverlap.signal) : null;
  try {
    if (overlapping) await waitForRun(setup.deskId);
    const from = setup.fake.requests.length;
    const madeAt = new Map<string, number>();
    const latencies: number[] = [];
    let made = 0;
    const making = (async () => {
      for (; made < changes; made++) {
        const subject = `bench ${options.mode} ${made}`;
        setup.fake.state.updateTicket(made + 1, { subject });
        madeAt.set(subject, Date.now());
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    })();
    const deadline = Date.now() + (options.mode === "webhooks" ? 120_000 : 900_000);
    while (latencies.length < changes && Date.now() < deadline) {
      const rows = await db().$queryRaw<{ subject: string }[]>`
        SELECT subject FROM zendesk_tickets WHERE desk_id = ${setup.deskId} AND subject LIKE ${`bench ${options.mode} %`}`;
      const now = Date.now();
      for (const { subject } of rows) {
        const at = madeAt.get(subject);
        if (at === undefined) continue;
        latencies.push(now - at);
        madeAt.delete(subject);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await making;
    stopOverlap.abort();
    await overlapping?.done;
    if (latencies.length < changes) throw new Error(`bench: ${changes - latencies.length} of ${changes} changes never showed (${options.mode})`);
    options.log?.(`${options.mode}: ${changes} changes visible`);
    const sorted = latencies.sort((a, b) => a - b);
    return {
      mode: options.mode,
      overlap,
      overlappingSyncs: overlapping ? overlapping.runs() + 1 : 0,
      n: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted.at(-1)!,
      exportRequests: count(setup.fake, from, true),
      apiRequests: count(setup.fake, from, false),
    };
  } finally {
    stopOverlap.abort();
    await overlapping?.done.catch(() => {});
    await tearDown(setup);
  }
}

/** Until a sync of the desk is running (the overlap has begun). */
async function waitForRun(deskId: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await db().syncRun.count({ where: { deskId, status: "running" } })) === 0) {
    if (Date.now() > deadline) throw new Error("bench: the overlapping backfill never started");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A macro touching `tickets` tickets at once, webhooks on: the requests it costs until every change is
 * in PostgreSQL. "field" changes a tag (no comments to read); "comment" adds a public comment.
 */
export async function runBurstBench(kind: BurstKind, tickets = 900): Promise<BurstResult> {
  const setup = await setUp("webhooks", tickets, kind === "field" ? 103 : 104);
  try {
    const from = setup.fake.requests.length;
    const runsBefore = await db().syncRun.count({ where: { deskId: setup.deskId, trigger: "realtime" } });
    const started = Date.now();
    for (let id = 1; id <= tickets; id++) {
      if (kind === "field") setup.fake.state.updateTicket(id, { tags: ["macro-burst"] });
      else setup.fake.state.addComment(id, `Macro reply ${id}`);
    }
    const deadline = Date.now() + 1_800_000;
    for (;;) {
      const [row] = await db().$queryRaw<{ done: number }[]>`
        SELECT count(*)::int AS done FROM zendesk_tickets t
        WHERE t.desk_id = ${setup.deskId} AND ${kind === "field"} AND t.tags @> ARRAY['macro-burst']
           OR t.desk_id = ${setup.deskId} AND ${kind === "comment"} AND EXISTS (
             SELECT 1 FROM zendesk_ticket_comments c WHERE c.domain = t.domain AND c.ticket_id = t.zendesk_id AND c.body LIKE 'Macro reply %')`;
      if ((row?.done ?? 0) >= tickets) break;
      if (Date.now() > deadline) throw new Error(`bench: burst (${kind}) not visible after 30 min`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (Date.now() - started) / 1000;
    await setup.fake.webhooks.deliveries.idle();
    await setup.app?.settled();
    return {
      kind,
      tickets,
      seconds,
      exportRequests: count(setup.fake, from, true),
      apiRequests: count(setup.fake, from, false),
      exportSyncs: (await db().syncRun.count({ where: { deskId: setup.deskId, trigger: "realtime" } })) - runsBefore,
    };
  } finally {
    await tearDown(setup);
  }
}
