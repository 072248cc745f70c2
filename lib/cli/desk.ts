import { Command, Option } from "commander";
import { createDesk, listDesks, removeDesk, updateDesk, type Desk } from "@/lib/data/desks";
import { deskCreateSchema, deskUpdateSchema } from "@/lib/validations/desk";
import { action, CliError, parseOrFail, printTable } from "@/lib/cli/run";

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
    return action(async () => {
      const created = await createDesk(input);
      console.log(`Added desk ${created.id} (${created.domain})${created.active ? "" : ", inactive"}`);
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
      .description("change a desk's settings or token")
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
        active: opts.active ? true : opts.inactive ? false : undefined,
        waitIntervalSeconds: opts.wait,
        rateLimitPerMinute: opts.rateLimit,
        rateLimitShare: opts.rateShare,
      }),
    );
    if (Object.values(patch).every((v) => v === undefined)) {
      parseOrFail(() => {
        throw new CliError("Nothing to change: give at least one option (see desk update --help)");
      });
    }
    return action(async () => {
      const updated = await updateDesk(ref, patch);
      console.log(`Updated desk ${updated.id} (${updated.domain})`);
    })();
  });

  desk
    .command("remove")
    .description("remove a desk and all its synced data")
    .argument("<desk>", "desk id or domain")
    .action((ref: string) =>
      action(async () => {
        const removed = await removeDesk(ref);
        console.log(`Removed desk ${removed.id} (${removed.domain}) and its data`);
      })(),
    );

  return desk;
}
