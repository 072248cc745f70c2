// zendesk_ticket_field_values follows custom_fields whoever writes the ticket: the sync inserting and
// updating tickets, a plain SQL update, a desk removed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { removeDesk } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
let fake: FakeZendesk;
let deskId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ tickets: 40, seed: 3 });
  deskId = (await addFakeDesk(fake)).id;
  await syncDesk(deskId, { steps: inlineSteps, trigger: "cli" });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

type Row = { zendesk_id: bigint; field_id: bigint; value_text: string | null; value_number: string | null };
const rows = () =>
  database.prisma.$queryRaw<Row[]>`
    SELECT t.zendesk_id, v.field_id, v.value_text, v.value_number::text AS value_number
    FROM zendesk_ticket_field_values v JOIN zendesk_tickets t ON t.id = v.ticket_id
    WHERE t.desk_id = ${deskId} ORDER BY t.zendesk_id, v.field_id`;
const valueOf = (ticket: Record<string, unknown>, id: number) => (ticket.custom_fields as { id: number; value: unknown }[]).find((f) => f.id === id)?.value;

it("holds the number and text fields of every synced ticket, and no dropdown, checkbox or multiselect", async () => {
  const expected: { zendesk_id: bigint; field_id: bigint; value_text: string | null; value_number: string | null }[] = [];
  for (const ticket of fake.state.account.tickets) {
    const order = valueOf(ticket, 102);
    if (typeof order === "number") expected.push({ zendesk_id: BigInt(ticket.id), field_id: 102n, value_text: null, value_number: String(order) });
    const notes = valueOf(ticket, 104);
    if (typeof notes === "string") expected.push({ zendesk_id: BigInt(ticket.id), field_id: 104n, value_text: notes, value_number: null });
  }
  expect(expected.length).toBeGreaterThan(30);
  expect(await rows()).toEqual(expected);
});

it("follows an update from the sync, and a plain SQL update", async () => {
  fake.state.updateTicket(5, { custom_fields: [{ id: 102, value: "4100" }, { id: 104, value: "Refund asked twice" }, { id: 999, value: "not defined yet" }] });
  await syncDesk(deskId, { steps: inlineSteps, trigger: "cli" });
  expect((await rows()).filter((r) => r.zendesk_id === 5n)).toEqual([
    { zendesk_id: 5n, field_id: 102n, value_text: null, value_number: "4100" },
    { zendesk_id: 5n, field_id: 104n, value_text: "Refund asked twice", value_number: null },
    { zendesk_id: 5n, field_id: 999n, value_text: "not defined yet", value_number: null },
  ]);
  await database.prisma.$executeRaw`UPDATE zendesk_tickets SET custom_fields = '{"102": 7.5}' WHERE desk_id = ${deskId} AND zendesk_id = 5`;
  expect((await rows()).filter((r) => r.zendesk_id === 5n)).toEqual([{ zendesk_id: 5n, field_id: 102n, value_text: null, value_number: "7.5" }]);
});

it("goes with the desk", async () => {
  await removeDesk(testCaller(), deskId);
  expect(await database.prisma.$queryRaw`SELECT * FROM zendesk_ticket_field_values`).toEqual([]);
});
