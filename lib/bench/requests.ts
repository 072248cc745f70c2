// Requests: a backfill under Zendesk's real limits (the incremental exports allow 10 requests a
// minute, in 60-second windows; the account 700 a minute, of which the desk takes its default 50%),
// synced by a child process with production settings. Reports API requests per 1,000 tickets with their
// comments, and the share of the export ceiling the backfill reached: the least time the limit allows
// for its N export requests ((N − 1) div 10 × 60 s, bursts of 10 at each window's start) divided by
// the time they took (first to last arrival at the fake). Takes minutes by design.
import type { BenchContext, PartResult } from "@/lib/bench/context";
import { freshDatabase } from "@/lib/bench/database";
import { benchAccount } from "@/lib/bench/fake-account";
import { int, type Row } from "@/lib/bench/report";
import { syncInChild } from "@/lib/bench/sync-child";
import { addDesk, startFakeZendesk, switchDatabase } from "@/lib/bench/targets";

export const BACKFILL_TICKETS = 10_000;
const EXPORT_LIMIT = 10;
const WINDOW_MS = 60_000;
const ACCOUNT_LIMIT = 700;
const DEFAULT_SHARE = 50;

export async function runRequests(ctx: BenchContext): Promise<PartResult> {
  // --tickets only shrinks it: a larger backfill adds minutes and no information.
  const tickets = Math.min(ctx.tickets ?? BACKFILL_TICKETS, BACKFILL_TICKETS);
  const url = await freshDatabase(ctx.server, "zdc_bench_requests");
  await switchDatabase(url);
  ctx.log(`requests: generating a fake Zendesk account of ${int(tickets)} tickets (export limit ${EXPORT_LIMIT}/min)`);
  const fake = await startFakeZendesk(benchAccount(tickets), { limit: ACCOUNT_LIMIT, exportLimit: EXPORT_LIMIT, windowMs: WINDOW_MS });
  try {
    const deskId = await addDesk(fake, DEFAULT_SHARE);
    ctx.log(`requests: backfilling ${int(tickets)} tickets under the rate limits (minutes by design)`);
    const { summary } = await syncInChild(deskId, { ...ctx.env, DATABASE_URL: url }, false);
    const exports = fake.requests.filter((r) => r.path.startsWith("/api/v2/incremental/") && r.status === 200);
    const tooMany = fake.requests.filter((r) => r.status === 429).length;
    const span = exports.length > 1 ? exports.at(-1)!.at - exports[0]!.at : 0;
    const least = Math.floor((exports.length - 1) / EXPORT_LIMIT) * WINDOW_MS;
    const reached = span > 0 ? least / span : 0;
    // Tickets and their comments come from the ticket and ticket-event exports (and any single-ticket
    // read); the users and organizations exports cost what the account's people cost, whatever the
    // ticket count, so they are reported beside the figure, not in it.
    const people = fake.requests.filter((r) => /^\/api\/v2\/incremental\/(users|organizations)\b/.test(r.path)).length;
    const forTickets = fake.count() - people;
    const perThousand = (forTickets / summary.tickets) * 1000;
    const longEnough = span > 2 * WINDOW_MS;
    const rows: Row[] = [
      {
        id: "requests.per-thousand",
        part: "requests",
        label: `API requests per 1,000 tickets with comments (${int(forTickets)} for ${int(summary.tickets)}; users and organizations exports: ${int(people)} more)`,
        figures: { perThousand },
        show: (f) => f.perThousand!.toFixed(2),
        target: "≤ 3",
        pass: perThousand <= 3,
      },
      {
        id: "requests.export-ceiling",
        part: "requests",
        label: `export ceiling reached, ${int(tickets)}-ticket backfill at ${EXPORT_LIMIT}/min`,
        figures: { reached, tooMany, minutes: span / WINDOW_MS, exportRequests: exports.length },
        show: (f) => `${Math.round(f.reached! * 100)}% over ${f.minutes!.toFixed(1)} min, ${f.tooMany} × 429`,
        target: "≥ 95%, ≤ 1 × 429 (over > 2 min)",
        pass: longEnough && reached >= 0.95 && tooMany <= 1,
      },
    ];
    return { rows, size: tickets, details: { summary, requests: fake.count(), forTickets, people, exportRequests: exports.length, tooMany, spanMs: span, longEnough } };
  } finally {
    await fake.close();
  }
}
