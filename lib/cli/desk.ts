// `desk …`: the desk operations of the app, from the command line, through the same use cases
// (lib/desks) as the app's server actions, with the actor "cli".
import { Command, Option } from "commander";
import { z } from "zod";
import { listDesks, type Desk } from "@/lib/data/desks";
import {
  createDesk,
  oauthRedirectUri,
  removeDesk,
  requestBackfill,
  requestSync,
  setDeskActive,
  startDeskConnection,
  testDeskConnection,
  updateDesk,
} from "@/lib/desks";
import { readPassword } from "@/lib/cli/user";
import {
  deskConnectSchema,
  deskCreateSchema,
  deskCredentialsSchema,
  deskUpdateSchema,
  type DeskAuthMethod,
  type DeskCredentialsChange,
} from "@/lib/validations/desk";
import { apiTokenDaysLeft, reconnectText } from "@/lib/validations/desk-auth";
import { sinceSchema } from "@/lib/validations/since";

/** An object, so an error names its option: "--since: …". */
const backfillOptions = z.object({ since: sinceSchema });
import { action, CliError, parseOrFail, printTable } from "@/lib/cli/run";
import { addPrivacyCommand } from "@/lib/cli/desk-privacy";
import { realtimeCommand } from "@/lib/cli/realtime";

const METHOD_NAMES: Record<DeskAuthMethod, string> = {
  client_credentials: "oauth-client-credentials",
  authorization_code: "oauth-authorization-code",
  api_token: "api-token",
};

function show(desk: Desk, now = new Date()) {
  const auth = desk.authMethod === "api_token" ? `api-token (${apiTokenDaysLeft(now)} days left)` : METHOD_NAMES[desk.authMethod];
  return {
    id: desk.id,
    domain: desk.domain,
    auth,
    // The agent of an API token, or the OAuth client's identifier (not a secret).
    identity: desk.email ?? desk.oauthClientId,
    secret: "(encrypted)",
    active: desk.active ? "yes" : "no",
    wait_s: desk.waitIntervalSeconds,
    budget: `${desk.rateLimitShare}% of ${desk.rateLimitPerMinute ?? "plan"}/min`,
    last_sync: desk.lastSyncFinishedAt,
    last_error: desk.reconnectReason ? reconnectText(desk.reconnectReason) : desk.lastError,
  };
}

const settingOptions = (command: Command) =>
  command
    .option("--name <name>", "a label for the desk")
    .option("--wait <seconds>", "seconds between syncs (min 10)")
    .option("--rate-limit <perMinute>", "the account's plan limit in requests per minute (read from Zendesk when omitted)")
    .option("--rate-share <percent>", "share of the plan limit this collector may use, 1-100");

const signInOptions = (command: Command) =>
  command
    .option("--client-id <id>", "OAuth client identifier (Zendesk Admin Center → Apps and integrations → APIs → OAuth clients)")
    .option("--client-secret <secret>", "its secret; `-` (or, for client credentials, leaving it out) reads it from stdin")
    .option("--email <email>", "legacy API token: the agent email the token belongs to")
    .option("--token <token>", "legacy API token (Zendesk turns API tokens off on 2027-04-30)");

const authOption = () =>
  new Option("--auth <method>", "how the desk signs in (default: client-credentials, or api-token with --token)").choices([
    "client-credentials",
    "authorization-code",
    "api-token",
  ]);

type SignInOpts = { auth?: string; clientId?: string; clientSecret?: string; email?: string; token?: string };

/** The sign-in method the options ask for, refusing a mix of OAuth and API-token options. */
function methodOf(opts: SignInOpts): DeskAuthMethod {
  if ((opts.clientId || opts.clientSecret) && (opts.email || opts.token)) {
    throw new CliError("Give either --client-id/--client-secret (OAuth) or --email/--token (API token), not both");
  }
  if (opts.auth) return opts.auth.replace("-", "_") as DeskAuthMethod;
  return opts.email || opts.token ? "api_token" : "client_credentials";
}

/** `--client-secret -` reads stdin; so does a missing secret where one is required. */
async function clientSecretOf(opts: SignInOpts, required: boolean): Promise<string | undefined> {
  if (opts.clientSecret === "-" || (opts.clientSecret === undefined && required)) return (await readPassword(undefined, "Client secret: ")).trim();
  return opts.clientSecret;
}


export function deskCommand(): Command {
  const desk = new Command("desk").description("manage the Zendesk accounts (desks) to sync");

  settingOptions(
    signInOptions(
      desk
        .command("add")
        .description("add a desk on OAuth client credentials (--client-id, --client-secret), OAuth authorization code (--auth authorization-code, then `desk connect`) or a legacy API token (--email, --token); secrets are encrypted before they are stored")
        .requiredOption("--domain <domain>", "acme, acme.zendesk.com or a full URL such as http://127.0.0.1:4010")
        .addOption(authOption())
        .option("--inactive", "add it without syncing yet"),
    ),
  ).action(async (opts) => {
    const authMethod = parseOrFail(() => methodOf(opts));
    const base = { address: opts.domain, name: opts.name, active: !opts.inactive, waitIntervalSeconds: opts.wait, rateLimitPerMinute: opts.rateLimit, rateLimitShare: opts.rateShare };
    const signIn = authMethod === "api_token" ? { email: opts.email, token: opts.token } : { clientId: opts.clientId };
    // Every other option is checked before the secret is asked for (a stand-in secret passes its rules).
    if (authMethod !== "api_token") parseOrFail(() => deskCreateSchema.parse({ ...base, authMethod, ...signIn, clientSecret: "stand-in-secret" }));
    const clientSecret = authMethod === "api_token" ? undefined : await clientSecretOf(opts, authMethod === "client_credentials");
    const input = parseOrFail(() => deskCreateSchema.parse({ ...base, authMethod, ...signIn, ...(clientSecret ? { clientSecret } : {}) }));
    return action(async (_runtime, caller) => {
      const { desk: added, message } = await createDesk(caller, input);
      console.log(message);
      if (added.authMethod === "authorization_code") console.log(`Next: \`desk connect ${added.id}\` prints the URL that authorizes it in Zendesk.`);
    })();
  });

  desk
    .command("list")
    .description("list desks with their sign-in method (and, for API tokens, the days left) and sync state")
    .option("--json", "print JSON")
    .action((opts) =>
      action(async () => {
        const desks = await listDesks();
        if (opts.json) console.log(JSON.stringify(desks.map((d) => show(d)), null, 2));
        else if (desks.length === 0) console.log("No desks yet: add one with `desk add`");
        else printTable(desks.map((d) => show(d)));
      })(),
    );

  settingOptions(
    signInOptions(
      desk
        .command("update")
        .description("change a desk's settings or credentials; --client-id/--client-secret move it to OAuth client credentials keeping its data and cursors; --inactive also stops its running sync")
        .argument("<desk>", "desk id or domain")
        .option("--url <url>", "a new API base URL for the same account (e.g. a proxy)")
        .addOption(new Option("--active", "sync this desk").conflicts("inactive"))
        .option("--inactive", "stop syncing this desk"),
    ),
  ).action(async (ref: string, opts) => {
    const settings = parseOrFail(() =>
      deskUpdateSchema.parse({ address: opts.url, name: opts.name, waitIntervalSeconds: opts.wait, rateLimitPerMinute: opts.rateLimit, rateLimitShare: opts.rateShare }),
    );
    const credentialsGiven = [opts.clientId, opts.clientSecret, opts.email, opts.token].some((v) => v !== undefined);
    let credentials: DeskCredentialsChange | undefined;
    if (credentialsGiven) {
      const authMethod = parseOrFail(() => methodOf(opts));
      if (authMethod === "authorization_code") parseOrFail(() => { throw new CliError("To connect a desk with Zendesk, use `desk connect <desk> --client-id …`: it keeps the current credentials until Zendesk answers"); });
      const signIn = authMethod === "api_token" ? { email: opts.email, token: opts.token } : { clientId: opts.clientId, clientSecret: await clientSecretOf(opts, false) };
      credentials = parseOrFail(() => deskCredentialsSchema.parse({ authMethod, ...signIn }));
    }
    const active: boolean | undefined = opts.active ? true : opts.inactive ? false : undefined;
    const settingsChange = Object.values(settings).some((v) => v !== undefined) || credentials !== undefined;
    if (!settingsChange && active === undefined) {
      parseOrFail(() => {
        throw new CliError("Nothing to change: give at least one option (see desk update --help)");
      });
    }
    return action(async (_runtime, caller) => {
      if (settingsChange) {
        const { desk: updated, message } = await updateDesk(caller, ref, { ...settings, credentials });
        console.log(`Updated desk ${updated.id} (${updated.domain}): ${message}`);
      }
      if (active !== undefined) {
        const outcome = await setDeskActive(caller, ref, active);
        console.log(`${outcome.desk.domain}: ${outcome.message}`);
        if (outcome.warning) console.error(`Warning: ${outcome.warning}`);
      }
    })();
  });

  desk
    .command("connect")
    .description("print the Zendesk authorization URL that connects the desk with OAuth (authorization code + PKCE); open it signed in as a Zendesk admin, and be signed in to this app as an admin when Zendesk sends you back")
    .argument("<desk>", "desk id or domain")
    .option("--client-id <id>", "the OAuth client to authorize (default: the desk's own)")
    .option("--client-secret <secret>", "its secret, for a confidential client; `-` reads it from stdin")
    .option("--redirect-uri <url>", "where Zendesk sends the admin back (default: APP_URL + /api/desks/oauth/callback)")
    .action(async (ref: string, opts: SignInOpts & { redirectUri?: string }) => {
      const input = parseOrFail(() => deskConnectSchema.parse({ clientId: opts.clientId }));
      const clientSecret = opts.clientSecret === "-" ? await clientSecretOf(opts, true) : opts.clientSecret;
      const withSecret = parseOrFail(() => deskConnectSchema.parse({ ...input, clientSecret }));
      return action(async (_runtime, caller) => {
        const redirectUri = opts.redirectUri ?? oauthRedirectUri(null);
        const started = await startDeskConnection(caller, ref, { ...withSecret, redirectUri });
        console.log(started.url);
        console.error(
          `Open this URL within 10 minutes (until ${started.expiresAt.toISOString()}). Zendesk sends you back to ${started.redirectUri}, where you must be signed in to this app as an admin.`,
        );
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
    .description("test the desk's stored credentials with a few small requests")
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
      const since = parseOrFail(() => backfillOptions.parse({ since: opts.since }).since);
      return action(async (_runtime, caller) => {
        console.log(await requestBackfill(caller, ref, since));
      })();
    });

  addPrivacyCommand(desk);
  desk.addCommand(realtimeCommand());
  return desk;
}
