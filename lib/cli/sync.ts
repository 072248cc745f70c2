// `sync --once` and `sync --watch`: syncs from the command line, through lib/desks, for installs
// without an Inngest server (or to catch a desk up by hand). Ctrl-C stops at the next page boundary;
// the run is recorded either way.
import { Command } from "commander";
import { runSyncLoop, syncUntilCaughtUp } from "@/lib/desks";
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

export function syncCommand(): Command {
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
      return action(async (_runtime, caller) => {
        if (opts.watch) {
          console.error("Watching active desks; Ctrl-C to stop");
          return runSyncLoop({ signal: stopSignal(), log: (line) => console.log(line) });
        }
        const lines = await syncUntilCaughtUp(caller, opts.desk, stopSignal());
        if (lines.length === 0) console.log("No active desks: add one with `desk add`");
        for (const { line } of lines) console.log(line);
        if (lines.some((l) => l.failed)) process.exitCode = 1;
      })();
    });
}
