// A desk sync: ticket fields, then ticket export pages until the end of the stream, then comment
// event pages, then the users and organizations exports, one step per page, with every run recorded
// in sync_runs and on the desk.
import type { SyncTuning } from "@/lib/sync/desk-client";
import { syncTicketFields } from "@/lib/sync/fields";
import { syncCommentPage, syncTicketPage, type PageOptions, type PageResult, type SyncHooks } from "@/lib/sync/pages";
import { syncOrganizationPage, syncUserPage } from "@/lib/sync/people";
import { closeRun, openRun, TRIGGERS, type SyncTrigger } from "@/lib/sync/state";
import { dropCoveredTickets } from "@/lib/sync/ticket-queue";
import type { Steps } from "@/lib/sync/steps";
import type { RequestHistory } from "@/lib/zendesk/pacer";

export type SyncOptions = {
  steps: Steps;
  trigger: SyncTrigger;
  tuning?: SyncTuning;
  hooks?: SyncHooks;
  /** Pages per phase in one run; the next run continues where this one stopped. */
  maxPages?: number;
  /** Stops between pages (Ctrl-C in `sync --watch`); the run is recorded as not caught up. */
  signal?: AbortSignal;
};

export type SyncSummary = {
  deskId: number;
  runId: string;
  tickets: number;
  comments: number;
  requests: number;
  rateLimited: number;
  badItems: number;
  pages: number;
  seconds: number;
  /** Every export reached its end of stream. */
  caughtUp: boolean;
  error?: string;
};

/** Inngest allows about a thousand steps per run; this leaves room for waits. */
const DEFAULT_MAX_PAGES = 400;
const MAX_WAITS = 50;
/**
 * A page waits in its step at most this long; a longer wait (the export limit's ~50 s, a Retry-After)
 * ends the step and the run sleeps, recorded on the run so the sync monitor shows the wait.
 */
const PAGE_INLINE_WAIT_MS = 5_000;

export async function syncDesk(deskId: number, options: SyncOptions): Promise<SyncSummary> {
  const { steps } = options;
  const pageOptions: PageOptions = {
    tuning: { maxInlineWaitMs: PAGE_INLINE_WAIT_MS, ...options.tuning },
    hooks: options.hooks,
    rereadLastMinute: TRIGGERS[options.trigger].rereadsLastMinute,
  };
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const { runId, startedAt } = await steps.run("start-run", () => openRun(deskId, options.trigger));
  const windowMs = options.tuning?.windowMs ?? 60_000;
  let history: RequestHistory = { api: [], export: [] };
  let error: string | undefined;
  let caughtUp = true;
  let deactivated = false;
  try {
    const fields = await steps.run("ticket-fields", () => syncTicketFields(deskId, runId, options.tuning, TRIGGERS[options.trigger].readsFieldsEveryRun));
    history = recentRequests(history, fields.sent, windowMs);
    const phases = [
      ["tickets", syncTicketPage],
      ["comments", syncCommentPage],
      ["users", syncUserPage],
      ["organizations", syncOrganizationPage],
    ] as const;
    for (const [phase, syncPage] of phases) {
      if (deactivated) break;
      let ended = false;
      let waits = 0;
      for (let page = 0; page < maxPages && !ended && !options.signal?.aborted; ) {
        const seen = history;
        const result: PageResult = await steps.run(`${phase}-page-${page}`, () => syncPage(deskId, runId, { ...pageOptions, history: seen }));
        history = recentRequests(history, result.sent, windowMs);
        if (result.kind === "inactive") {
          deactivated = true;
          break;
        }
        if (result.kind === "wait") {
          if (waits >= MAX_WAITS) throw new Error(`Zendesk kept this desk rate-limited through ${MAX_WAITS} waits; the next run continues`);
          await steps.sleep(`${phase}-wait-${waits++}`, result.until - Date.now());
          continue;
        }
        page++;
        ended = result.endOfStream;
        // The next run starts again from the stored cursor; this one must not ask for the same page forever.
        if (result.stalled) break;
      }
      caughtUp &&= ended;
    }
    if (deactivated) throw new Error("stopped: the desk was deactivated during the run");
    // No request unless a ticket page met a custom field whose definition is not stored yet.
    const newFields = await steps.run("ticket-fields-new", () => syncTicketFields(deskId, runId, options.tuning));
    history = recentRequests(history, newFields.sent, windowMs);
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  return steps.run("finish-run", () => finishRun(deskId, runId, startedAt, caughtUp && !error, error));
}

/** The requests of the last window, carried from step to step so pacing survives a process change. */
function recentRequests(history: RequestHistory, sent: RequestHistory, windowMs: number): RequestHistory {
  const since = Date.now() - windowMs;
  const keep = (a: number[], b: number[]) => [...a, ...b].filter((at) => at > since).slice(-1_000);
  return { api: keep(history.api, sent.api), export: keep(history.export, sent.export) };
}

async function finishRun(deskId: number, runId: string, startedAt: number, caughtUp: boolean, error?: string): Promise<SyncSummary> {
  const run = await closeRun(deskId, runId, error, caughtUp);
  // Tickets webhooks named before this run began are stored now: fetching them again would only cost
  // requests. (Comments of the last minute come with the event export's next page, a minute on.)
  if (caughtUp) await dropCoveredTickets(deskId, new Date(startedAt));
  return {
    deskId,
    runId,
    tickets: run.rows,
    comments: run.comments,
    requests: run.requests,
    rateLimited: run.rateLimited,
    badItems: run.badItems,
    pages: run.pages,
    seconds: Math.round((run.finishedAt.getTime() - startedAt) / 100) / 10,
    caughtUp,
    ...(error ? { error } : {}),
  };
}

export function describeSummary(domain: string, s: SyncSummary): string {
  const base = `${domain}: ${s.tickets} tickets, ${s.comments} comments, ${s.requests} requests, ${s.rateLimited} 429s, ${s.seconds} s`;
  const extra = [s.badItems ? `${s.badItems} bad items set aside` : "", s.caughtUp || s.error ? "" : "more to come", s.error ? `error: ${s.error}` : ""];
  return [base, ...extra.filter(Boolean)].join("; ");
}
