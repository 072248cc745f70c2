// `sla …`: each desk's SLA targets (the SLA dashboard's form), from the command line, through the same
// use case (lib/desks setDeskSla) with the actor "cli".
import { Command } from "commander";
import { listSlaTargets } from "@/lib/data/desk-sla";
import { getDesk } from "@/lib/data/desks";
import { setDeskSla } from "@/lib/desks";
import { action, parseOrFail, printTable } from "@/lib/cli/run";
import { deskSlaSchema } from "@/lib/validations/desk-sla";

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function slaCommand(): Command {
  const sla = new Command("sla").description("each desk's SLA targets for the SLA dashboard (calendar hours)");

  sla
    .command("list")
    .description("every desk's first-reply and full-resolution targets")
    .action(() =>
      action(async () => {
        const targets = await listSlaTargets();
        printTable(targets.map((t) => ({ id: t.deskId, desk: t.name, first_reply_h: hours(t.firstReplyMinutes), resolution_h: hours(t.resolutionMinutes) })));
      })(),
    );

  sla
    .command("set")
    .description("set a desk's targets, e.g. sla set acme --first-reply-hours 8 --resolution-hours 72")
    .argument("<desk>", "desk id or domain")
    .requiredOption("--first-reply-hours <hours>", "first reply within this many hours (decimals allowed)")
    .requiredOption("--resolution-hours <hours>", "full resolution within this many hours")
    .action((ref: string, opts: { firstReplyHours: string; resolutionHours: string }) => {
      const input = parseOrFail(() => deskSlaSchema.omit({ deskId: true }).parse(opts));
      return action(async (_runtime, caller) => {
        const desk = await getDesk(ref);
        const { message } = await setDeskSla(caller, desk.id, { firstReplyMinutes: input.firstReplyHours, resolutionMinutes: input.resolutionHours });
        console.log(message);
      })();
    });

  return sla;
}
