// Users and organizations from their own exports: every person and organization of the account is
// stored, and a rename reaches the names on every ticket without any ticket changing in Zendesk.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SyncTuning } from "@/lib/sync/desk-client";
import { syncDesk } from "@/lib/sync/run";
import { resetCursors } from "@/lib/sync/state";
import { inlineSteps } from "@/lib/sync/steps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

const tuning: SyncTuning = { pageSize: 7, backoffBaseMs: 10, timeoutMs: 2_000, exportLimitPerWindow: 10_000 };
let database: TestDatabase;
let fake: FakeZendesk | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
afterEach(async () => {
  await fake?.close();
});

const sync = (deskId: number) => syncDesk(deskId, { steps: inlineSteps, trigger: "watch", tuning });

describe("the users and organizations exports", () => {
  it("store everyone, then bring renames and new agents to the people tables and to every ticket's names", async () => {
    fake = await FakeZendesk.start({ seed: 21, tickets: 30, users: 25 });
    const desk = await addFakeDesk(fake);
    expect(await sync(desk.id)).toMatchObject({ caughtUp: true, tickets: 30 });
    // People no ticket names are stored too, from the users export (25 users in 4 pages of 7).
    expect(await database.prisma.zendeskUser.count({ where: { deskId: desk.id } })).toBe(25);
    expect(await database.prisma.zendeskOrganization.count({ where: { deskId: desk.id } })).toBe(5);
    expect(fake.count(/incremental\/users\/cursor/)).toBe(4);
    const cursors = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(cursors.userCursor).toEqual(expect.any(String));
    expect(cursors.organizationStartTime).not.toBeNull();

    const ticket = fake.state.ticket(3);
    const requester = Number(ticket.requester_id);
    const organization = Number(ticket.organization_id);
    const requesterTickets = fake.state.account.tickets.filter((t) => t.requester_id === requester).map((t) => t.id);
    const organizationTickets = fake.state.account.tickets.filter((t) => t.organization_id === organization).map((t) => t.id);
    fake.state.renameUser(requester, "Renamée Requester ✓");
    fake.state.renameOrganization(organization, "Renamed Org GmbH");
    const agent = fake.state.addAgent({ name: "New Agent 🆕" });

    const second = await sync(desk.id);
    // No ticket changed in Zendesk, yet their names did.
    expect(second).toMatchObject({ caughtUp: true, tickets: 0 });
    expect(await database.prisma.zendeskUser.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: requester } })).toMatchObject({ name: "Renamée Requester ✓" });
    expect(await database.prisma.zendeskUser.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: agent.id as number } })).toMatchObject({
      name: "New Agent 🆕",
      role: "agent",
    });
    const names = await database.prisma.zendeskTicket.findMany({
      where: { deskId: desk.id, zendeskId: { in: [...new Set([...requesterTickets, ...organizationTickets])] } },
      select: { zendeskId: true, reqName: true, organizationName: true, reqId: true, organizationId: true },
    });
    for (const row of names) {
      if (Number(row.reqId) === requester) expect(row.reqName).toBe("Renamée Requester ✓");
      if (Number(row.organizationId) === organization) expect(row.organizationName).toBe("Renamed Org GmbH");
    }
    expect(names.filter((r) => Number(r.reqId) === requester)).toHaveLength(requesterTickets.length);
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: desk.id, organizationName: "Renamed Org GmbH" } })).toBe(organizationTickets.length);

    // Nothing new: one request to each export, the same rows.
    const before = fake.count(/incremental\/(users|organizations)/);
    expect(await sync(desk.id)).toMatchObject({ caughtUp: true, tickets: 0 });
    expect(fake.count(/incremental\/(users|organizations)/) - before).toBe(2);
    expect(await database.prisma.zendeskUser.count({ where: { deskId: desk.id } })).toBe(26);
  });

  it("a backfill reads the people exports again from its date", async () => {
    fake = await FakeZendesk.start({ seed: 22, tickets: 5, users: 10 });
    const desk = await addFakeDesk(fake);
    await sync(desk.id);
    await database.prisma.zendeskUser.deleteMany({ where: { deskId: desk.id } });
    await resetCursors(desk.id, new Date(0));
    expect(await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).toMatchObject({ userCursor: null, organizationStartTime: null });
    await sync(desk.id);
    expect(await database.prisma.zendeskUser.count({ where: { deskId: desk.id } })).toBe(10);
  });
});
