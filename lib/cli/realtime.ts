// `desk realtime …`: turn real-time (a Zendesk webhook pointed at APP_URL) on or off for a desk, see
// its state, and set the account's export limit, through the same use cases as the desk page.
import { Command } from "commander";
import { z } from "zod";
import { disableRealtime, enableRealtime, EXPORT_LIMITS, realtimeStatus, setExportLimit, type RealtimeOutcome } from "@/lib/desks";
import { action, CliError, parseOrFail, printTable } from "@/lib/cli/run";

function report(outcome: RealtimeOutcome): void {
  console.log(outcome.message);
  if (outcome.warning) console.error(`Warning: ${outcome.warning}`);
}

const exportLimit = z.coerce
  .number()
  .refine((n) => (EXPORT_LIMITS as readonly number[]).includes(n), `give ${EXPORT_LIMITS.join(" or ")} (30 with Zendesk's High Volume API add-on)`);

export function realtimeCommand(): Command {
  const realtime = new Command("realtime").description("real-time updates through a Zendesk webhook to this app's APP_URL");

  realtime
    .command("on")
    .description("create the webhook at Zendesk (needs APP_URL, reachable from Zendesk, and an admin's token)")
    .argument("<desk>", "desk id or domain")
    .action((ref: string) => action(async (_runtime, caller) => report(await enableRealtime(caller, ref)))());

  realtime
    .command("off")
    .description("remove the webhook at Zendesk; the catch-up sync keeps running")
    .argument("<desk>", "desk id or domain")
    .option("--forget", "stop listening even if Zendesk cannot be asked to remove the webhook")
    .action((ref: string, opts: { forget?: boolean }) => action(async (_runtime, caller) => report(await disableRealtime(caller, ref, { forget: opts.forget })))());

  realtime
    .command("status")
    .description("whether real-time is on, where Zendesk delivers, and the export limit")
    .argument("<desk>", "desk id or domain")
    .option("--json", "print JSON")
    .action((ref: string, opts: { json?: boolean }) =>
      action(async (_runtime, caller) => {
        const status = await realtimeStatus(caller, ref);
        const row = {
          desk: status.domain,
          realtime: status.webhookId ? "on" : "off",
          webhook: status.webhookId,
          delivers_to: status.webhookEndpoint,
          since: status.realtimeSince,
          app_url: status.appUrl.ok ? status.appUrl.url : `invalid: ${status.appUrl.error}`,
          export_limit: `${status.exportLimitPerMinute ?? 10}/min${status.exportLimitPerMinute === null ? " (assumed)" : ""}`,
        };
        if (opts.json) console.log(JSON.stringify(row, null, 2));
        else printTable([row]);
      })(),
    );

  realtime
    .command("export-limit")
    .description("the account's incremental export limit per minute: 10, or 30 with the High Volume API add-on")
    .argument("<desk>", "desk id or domain")
    .argument("<perMinute>", "10 or 30")
    .action((ref: string, perMinute: string) => {
      const limit = parseOrFail(() => {
        const parsed = exportLimit.safeParse(perMinute);
        if (!parsed.success) throw new CliError(`<perMinute>: ${parsed.error.issues[0]!.message}`);
        return parsed.data;
      });
      return action(async (_runtime, caller) => report(await setExportLimit(caller, ref, limit)))();
    });

  return realtime;
}
