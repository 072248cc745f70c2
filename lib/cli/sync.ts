// `sync --once`, `sync --watch` and `desk backfill`: the sync pipeline from the command line, without
// an Inngest server. Ctrl-C stops at the next page boundary; the run is recorded either way.
import { Command } from "commander";
import { z } from "zod";
import { getDesk, listDesks, type Desk } from "@/lib/data/desks";
import { withDeskLock } from "@/lib/sync/lock";
import { startSyncLoop } from "@/lib/sync/loop";
import { describeSummary, resetDeskCursors, syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { action, CliError, parseOrFail } from "@/lib/cli/run";

function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) console.error("Stopping after the current page…");
    controller.abort();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return controller.signal;
}

async function syncOnce(ref: string | undefined): Promise<void> {
  const desks: Desk[] = ref ? [await getDesk(ref)] : (await listDesks()).filter((d) => d.active);
  if (desks.length === 0) {
    console.log("No active desks: add one with `desk add`");
    return;
  }
  const signal = stopSignal();
  for (const desk of desks) {
    if (signal.aborted) break;
    // No page limit: inline there is no step budget, and --once means "until caught up".
    const summary = await withDeskLock(desk.id, () =>
      syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", maxPages: Number.POSITIVE_INFINITY, signal }),
    );
    if (!summary) {
      console.log(`${desk.domain}: skipped, another process is syncing it`);
      continue;
    }
    console.log(describeSummary(desk.domain, summary));
    if (summary.error) process.exitCode = 1;
  }
}

const sinceSchema = z.coerce.date({ error: "--since: give a date such as 2024-01-31 or 2024-01-31T12:00:00Z" }).refine(
  (date) => date.getTime() <= Date.now(),
  "--since: the date is in the future",
);

/** `desk backfill`: attached to the existing `desk` command so it reads as the issue names it. */
function addBackfill(desk: Command): void {
  desk
    .command("backfill")
    .description("export everything changed since a date again, on the desk's next sync (existing rows are updated, not duplicated)")
    .argument("<desk>", "desk id or domain")
    .requiredOption("--since <date>", "ISO date or date-time, e.g. 2024-01-31")
    .action((ref: string, opts: { since: string }) => {
      const since = parseOrFail(() => sinceSchema.parse(opts.since));
      return action(async () => {
        const target = await getDesk(ref);
        await resetDeskCursors(target.id, since);
        console.log(
          `Desk ${target.id} (${target.domain}) will re-export changes since ${since.toISOString()} on its next sync; run \`sync --once --desk ${target.id}\` to start now`,
        );
      })();
    });
}

/** The `sync` command; given the program, it also adds `backfill` to its `desk` command. */
export function syncCommand(program?: Command): Command {
  const desk = program?.commands.find((c) => c.name() === "desk");
  if (desk) addBackfill(desk);
  return new Command("sync")
    .description("sync desks from Zendesk: --once until caught up, or --watch to keep syncing (when no Inngest server schedules syncs)")
    .option("--once", "sync each active desk (or --desk) until caught up, then exit")
    .option("--watch", "keep syncing active desks every wait interval until interrupted")
    .option("--desk <desk>", "only this desk (id or domain), with --once")
    .action((opts: { once?: boolean; watch?: boolean; desk?: string }) => {
      parseOrFail(() => {
        if (Boolean(opts.once) === Boolean(opts.watch)) throw new CliError("Give exactly one of --once or --watch");
        if (opts.desk && opts.watch) throw new CliError("--desk works with --once only");
      });
      return action(async () => {
        if (opts.once) return syncOnce(opts.desk);
        console.error("Watching active desks; Ctrl-C to stop");
        await startSyncLoop({ signal: stopSignal(), log: (line) => console.log(line) });
      })();
    });
}
