// The data every e2e spec starts from, made the way production makes it: users through lib/data, and
// a desk synced by the real sync engine from a fake Zendesk that keeps running while the app serves
// (the ticket page's "refresh comments" calls it).
import { createUser } from "@/lib/data/users";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { ADMIN, VIEWER } from "./fixtures";
import { SEEDED } from "./seeded";

/** Seeds the database and returns a function that stops the fake Zendesk. */
export async function seed(): Promise<() => Promise<void>> {
  await createUser({ ...ADMIN, role: "admin" });
  await createUser({ ...VIEWER, role: "viewer" });

  const fake = await FakeZendesk.start({ tickets: SEEDED.tickets, seed: SEEDED.seed, startTime: SEEDED.startTime });
  // HTML as agents write it, plus what a sanitiser must remove, and a note only agents see.
  fake.state.addComment(SEEDED.htmlTicket, `<strong>${SEEDED.htmlText}</strong> <a href="javascript:alert(1)">link</a><script>window.pwned = 1</script>`, true);
  fake.state.addComment(SEEDED.htmlTicket, SEEDED.internalNote, false);
  const desk = await addFakeDesk(fake);
  if (desk.id !== SEEDED.deskId) throw new Error(`e2e seed: expected desk ${SEEDED.deskId}, got ${desk.id}`);
  const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli" });
  if (summary.error || !summary.caughtUp) throw new Error(`e2e seed: the sync did not finish: ${summary.error ?? "not caught up"}`);
  return () => fake.close();
}
