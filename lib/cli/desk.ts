// `desk …`: the desk operations of the app, from the command line, through the same use cases
// (lib/desks) as the app's server actions, with the actor "cli".
import { Command, Option } from "commander";
import { z } from "zod";
import { listDesks, type Desk } from "@/lib/data/desks";
import { createDesk, removeDesk, requestBackfill, requestSync, setDeskActive, testDeskConnection, updateDesk } from "@/lib/desks";
import { deskCreateSchema, deskUpdateSchema } from "@/lib/validations/desk";
import { action, CliError, parseOrFail, printTable } from "@/lib/cli/run";
import { realtimeCommand } from "@/lib/cli/realtime";

function show(desk: Desk) {
  return {
    id: desk.id,
    domain: desk.domain,
    email: desk.email,
    token: "(encrypted)",
    active: desk.active ? "yes" : "no",
    wait_s: desk.waitIntervalSeconds,
    budget: `${desk.rateLimitShare}% of ${desk.rateLimitPerMinute ?? "plan"}/min`,
    last_sync: desk.lastSyncFinishedAt,
    last_error: desk.lastError,
  };
}

const settingOptions = (command: Command) =>
  command
    .option("--name <name>", "a label for the desk")
    .option("--wait <seconds>", "seconds between syncs (min 10)")
    .option("--rate-limit <perMinute>", "the account's plan limit in requests per minute (read from Zendesk when omitted)")
    .option("--rate-share <percent>", "share of the plan limit this collector may use, 1-100");

const sinceSchema = z.coerce.date({ error: "--since: give a date such as 2024-01-31 or 2024-01-31T12:00:00Z" }).refine(
  (date) => date.getTime() <= Date.now(),
  "--since: the date is in the future",
);

export function deskCommand(): Command {
  const desk = new Command("desk").description("manage the Zendesk accounts (desks) to sync");

  settingOptions(
    desk
      .command("add")
      .description("add a desk; the token is encrypted before it is stored")
      .requiredOption("--domain <domain>", "acme, acme.zendesk.com or a full URL such as http://127.0.0.1:4010")
      .requiredOption("--email <email>", "the agent email the API token belongs to")
      .requiredOption("--token <token>", "a Zendesk API token")
      .option("--inactive", "add it without syncing yet"),
  ).action((opts) => {
    const input = parseOrFail(() =>
      deskCreateSchema.parse({
        address: opts.domain,
        email: opts.email,
        token: opts.token,
        name: opts.name,
        active: !opts.inactive,
        waitIntervalSeconds: opts.wait,
        rateLimitPerMinute: opts.rateLimit,
        rateLimitShare: opts.rateShare,
      }),
    );
    return action(async (_runtime, caller) => {
      console.log((await createDesk(caller, input)).message);
    })();
  });

  desk
    .command("list")
    .description("list desks with their sync state")
    .option("--json", "print JSON")
    .action((opts) =>
      action(async () => {
        const desks = await listDesks();
        if (opts.json) console.log(JSON.stringify(desks.map(show), null, 2));
        else if (desks.length === 0) console.log("No desks yet: add one with `desk add`");
        else printTable(desks.map(show));
      })(),
    );

  settingOptions(
    desk
      .command("update")
      .description("change a desk's settings or token; --inactive also stops its running sync")
      .argument("<desk>", "desk id or domain")
      .option("--email <email>", "the agent email the API token belongs to")
      .option("--token <token>", "a new API token")
      .option("--url <url>", "a new API base URL for the same account (e.g. a proxy)")
      .addOption(new Option("--active", "sync this desk").conflicts("inactive"))
      .option("--inactive", "stop syncing this desk"),
  ).action((ref: string, opts) => {
    const patch = parseOrFail(() =>
      deskUpdateSchema.parse({
        address: opts.url,
        email: opts.email,
        token: opts.token,
        name: opts.name,
        waitIntervalSeconds: opts.wait,
        rateLimitPerMinute: opts.rateLimit,
        rateLimitShare: opts.rateShare,
      }),
    );
    const active: boolean | undefined = opts.active ? true : opts.inactive ? false : undefined;
    const settingsChange = Object.values(patch).some((v) => v !== undefined);
    if (!settingsChange && active === undefined) {
      parseOrFail(() => {
        throw new CliError("Nothing to change: give at least one option (see desk update --help)");
      });
    }
    return action(async (_runtime, caller) => {
      if (settingsChange) {
        const { desk: updated } = await updateDesk(caller, ref, patch);
        console.log(`Updated desk ${updated.id} (${updated.domain})`);
      }
      if (active !== undefined) {
        const outcome = await setDeskActive(caller, ref, active);
        console.log(`${outcome.desk.domain}: ${outcome.message}`);
        if (outcome.warning) console.error(`Warning: ${outcome.warning}`);
      }
    })();
  });

  desk
    .command("remove")
    .description("remove a desk and all its synced data (and cancel its running sync)")
    .argument("<desk>", "desk id or domain")
    .action((ref: string) =>
      action(async (_runtime, caller) => {
        const outcome = await removeDesk(caller, ref);
        console.log(outcome.message);
        if (outcome.warning) console.error(`Warning: ${outcome.warning}`);
      })(),
    );

  desk
    .command("test")
    .description("test the desk's stored credentials with one small request")
    .argument("<desk>", "desk id or domain")
    .action((ref: string) =>
      action(async (_runtime, caller) => {
        const result = await testDeskConnection(caller, ref);
        if (!result.ok) throw new CliError(result.message);
        console.log(result.message);
      })(),
    );

  desk
    .command("sync")
    .description("sync the desk now: queued to Inngest when configured, else run here until caught up")
    .argument("<desk>", "desk id or domain")
    .action((ref: string) =>
      action(async (_runtime, caller) => {
        console.log(await requestSync(caller, ref));
      })(),
    );

  desk
    .command("backfill")
    .description("export everything changed since a date again (existing rows are updated, not duplicated)")
    .argument("<desk>", "desk id or domain")
    .requiredOption("--since <date>", "ISO date or date-time, e.g. 2024-01-31")
    .action((ref: string, opts: { since: string }) => {
      const since = parseOrFail(() => sinceSchema.parse(opts.since));
      return action(async (_runtime, caller) => {
        console.log(await requestBackfill(caller, ref, since));
      })();
    });

  desk.addCommand(realtimeCommand());
  return desk;
}
