// A desk's SLA targets as typed in the SLA dashboard's form or the CLI: hours (decimals allowed), kept
// as whole minutes.
import { z } from "zod";
import { formText } from "@/lib/validations/action-result";

const hours = (what: string) =>
  z.coerce
    .number({ error: `Enter the ${what} target in hours, e.g. 8 or 0.5.` })
    .positive(`The ${what} target must be more than 0 hours.`)
    .max(8_760, `The ${what} target can be at most a year (8,760 hours).`)
    .transform((h) => Math.max(1, Math.round(h * 60)));

export const deskSlaSchema = z.object({
  deskId: z.coerce.number().int().positive(),
  firstReplyHours: hours("first reply"),
  resolutionHours: hours("full resolution"),
});

export type DeskSla = { firstReplyMinutes: number; resolutionMinutes: number };

export function parseDeskSlaForm(formData: FormData) {
  return deskSlaSchema.safeParse({
    deskId: formText(formData, "deskId"),
    firstReplyHours: formText(formData, "firstReplyHours"),
    resolutionHours: formText(formData, "resolutionHours"),
  });
}
