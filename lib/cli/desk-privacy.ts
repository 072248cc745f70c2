// `desk privacy <desk> [--mask-pii | --no-mask-pii]`: whether viewers see a desk's personal data,
// through the same use case (lib/desks) as the toggle on the desk page.
import type { Command } from "commander";
import { getDesk } from "@/lib/data/desks";
import { setDeskPrivacy } from "@/lib/desks";
import { action } from "@/lib/cli/run";

export function addPrivacyCommand(desk: Command): void {
  desk
    .command("privacy")
    .description("mask requester names and emails and comment bodies from viewers (admins always see them); without an option, show the setting")
    .argument("<desk>", "desk id or domain")
    .option("--mask-pii", "mask personal data from viewers")
    .option("--no-mask-pii", "show personal data to viewers")
    .action((ref: string, opts: { maskPii?: boolean }) =>
      action(async (_runtime, caller) => {
        if (opts.maskPii === undefined) {
          const current = await getDesk(ref);
          console.log(`${current.domain}: personal data ${current.maskPii ? "masked from viewers" : "shown to viewers"}`);
          return;
        }
        const outcome = await setDeskPrivacy(caller, ref, opts.maskPii);
        console.log(`${outcome.desk.domain}: ${outcome.message}`);
      })(),
    );
}
