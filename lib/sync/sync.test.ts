import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { iso } from "@/lib/testing/fake-zendesk/factory";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import type { SyncTuning } from "@/lib/sync/desk-client";

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

async function snapshot(deskId: number) {
  const prisma = database.prisma;
  const tickets = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT zendesk_id::int AS id, status, subject, req_name, req_email, req_external_id, submitter_name, assignee_name, group_name,
      organization_name, custom_fields, tags, current_tags, deleted_at IS NOT NULL AS deleted,
      first_reply_time_in_minutes AS frt, first_reply_time_in_minutes_within_business_hours AS frt_b,
      full_resolution_time_in_minutes AS full_r, on_hold_time_in_minutes_within_business_hours AS hold_b, solved_at, updated_at,
      raw_data->>'custom_field_104' AS cf104
    FROM zendesk_tickets WHERE desk_id = ${deskId} ORDER BY zendesk_id`;
  const comments = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT comment_id::int AS id, ticket_id::int AS ticket_id, body, public, author_id::int AS author_id FROM zendesk_ticket_comments
    WHERE desk_id = ${deskId} ORDER BY comment_id`;
  return { tickets, comments };
}

function expectMatchesFake(snap: Awaited<ReturnType<typeof snapshot>>, fake: FakeZendesk) {
  const { account } = fake.state;
  const users = new Map(account.users.map((u) => [u.id, u]));
  const groups = new Map(account.groups.map((g) => [g.id, g]));
  const orgs = new Map(account.organizations.map((o) => [o.id, o]));
  expect(snap.tickets).toHaveLength(account.tickets.length);
  for (const row of snap.tickets) {
    const t = fake.state.ticket(row.id as number);
    const metrics = account.metricSets.get(t.id) as Record<string, Record<string, number | null>>;
    const requester = users.get(t.requester_id);
    expect(row.status).toBe(t.status);
    expect(row.subject).toBe(t.subject);
    expect(row.deleted).toBe(t.status === "deleted");
    expect(row.req_name).toBe(requester?.name);
    expect(row.req_email).toBe(requester?.email);
    expect(row.req_external_id).toBe(requester?.external_id ?? null);
    expect(row.assignee_name).toBe(t.assignee_id ? users.get(t.assignee_id)?.name : null);
    expect(row.group_name).toBe(t.group_id ? groups.get(t.group_id)?.name : null);
    expect(row.organization_name).toBe(t.organization_id ? orgs.get(t.organization_id)?.name : null);
    expect(row.tags).toEqual(t.tags);
    expect(row.current_tags).toBe((t.tags as string[]).join(" "));
    const custom = Object.fromEntries((t.custom_fields as { id: number; value: unknown }[]).map((f) => [String(f.id), f.value]));
    expect(row.custom_fields).toEqual(custom);
    expect(row.cf104).toBe(custom["104"] ?? null);
    expect(row.frt).toBe(metrics.reply_time_in_minutes!.calendar);
    expect(row.frt_b).toBe(metrics.reply_time_in_minutes!.business);
    expect(row.full_r).toBe(metrics.full_resolution_time_in_minutes!.calendar);
    expect(row.hold_b).toBe(metrics.on_hold_time_in_minutes!.business);
    expect((row.updated_at as Date).toISOString().replace(".000Z", "Z")).toBe(t.updated_at);
  }
  const expected = [...account.comments.entries()].flatMap(([ticketId, list]) =>
    list.map((c) => ({ id: c.id, ticket_id: ticketId, body: c.body, public: c.public, author_id: c.author_id })),
  );
  expect(snap.comments).toEqual(expected.sort((a, b) => a.id - b.id));
}

describe("syncDesk", () => {
  it("copies a multi-page account exactly, then picks up exactly the edits", async () => {
    fake = await FakeZendesk.start({ seed: 7, tickets: 45 });
    const desk = await addFakeDesk(fake);
    const first = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(first.error).toBeUndefined();
    expect(first.caughtUp).toBe(true);
    expect(first.tickets).toBe(45);
    expectMatchesFake(await snapshot(desk.id), fake);
    const statusCounts = await database.prisma.zendeskTicket.groupBy({ by: ["status"], _count: true, where: { deskId: desk.id } });
    const fakeCounts: Record<string, number> = {};
    for (const t of fake.state.account.tickets) fakeCounts[t.status] = (fakeCounts[t.status] ?? 0) + 1;
    expect(Object.fromEntries(statusCounts.map((s) => [s.status, s._count]))).toEqual(fakeCounts);
    const fields = await database.prisma.zendeskTicketField.findMany({ where: { deskId: desk.id }, orderBy: { zendeskId: "asc" } });
    expect(fields.map((f) => f.title)).toEqual(fake.state.account.ticketFields.map((f) => f.title));

    fake.state.updateTicket(3, { status: "solved", subject: "Résolu ✅" });
    fake.state.addComment(5, "Ein neuer Kommentar 👋");
    fake.state.deleteTicket(9);
    fake.state.createTicket({ subject: "Brand new" });
    const internal = fake.state.account.comments.get(6)![0]!;
    fake.state.makeCommentPrivate(6, internal.id);
    const second = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(second.error).toBeUndefined();
    expect(second.tickets).toBe(5);
    expect(second.comments).toBe(2);
    const snap = await snapshot(desk.id);
    expectMatchesFake(snap, fake);
    const deleted = await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 9 } });
    expect(deleted.status).toBe("deleted");
    expect(deleted.deletedAt).not.toBeNull();
    expect(await database.prisma.zendeskTicketComment.count({ where: { deskId: desk.id, ticketId: 9 } })).toBeGreaterThan(0);

    const run = await database.prisma.syncRun.findFirstOrThrow({ where: { id: BigInt(second.runId) } });
    // One page of each export: tickets, comment events, users, organizations.
    expect(run).toMatchObject({ status: "succeeded", rows: 5, comments: 2, pages: 4, requests: second.requests });
    expect(await database.prisma.zendeskTicketComment.findFirstOrThrow({ where: { deskId: desk.id, commentId: internal.id } })).toMatchObject({
      public: false,
      rawData: expect.objectContaining({ public: false }),
    });
    const state = await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } });
    expect(state.lastSuccessAt).not.toBeNull();
    expect(state.lastError).toBeNull();
    expect(state.newestChangeAt?.toISOString().replace(".000Z", "Z")).toBe(fake.state.order.at(-1)!.updated_at);
  });

  it("ends with the latest version of a ticket updated between pages", async () => {
    fake = await FakeZendesk.start({ seed: 8, tickets: 30 });
    const desk = await addFakeDesk(fake);
    const [early, late] = [fake.state.order[1]!.id, fake.state.order[25]!.id];
    let pages = 0;
    const summary = await syncDesk(desk.id, {
      steps: inlineSteps,
      trigger: "cli",
      tuning,
      hooks: {
        beforeCommit: (phase) => {
          if (phase !== "tickets" || ++pages !== 2) return;
          fake!.state.updateTicket(early, { subject: "Changed after its page ✏️", priority: "urgent" });
          fake!.state.updateTicket(late, { subject: "Changed before its page" });
          fake!.state.addComment(early, "Added mid-sync");
        },
      },
    });
    expect(summary.error).toBeUndefined();
    expect(summary.tickets).toBe(31);
    expectMatchesFake(await snapshot(desk.id), fake);
  });

  it("keeps every item whose fields take a form the docs allow, and text PostgreSQL cannot store as sent", async () => {
    fake = await FakeZendesk.start({ seed: 9, tickets: 12 });
    const desk = await addFakeDesk(fake);
    const { state } = fake;
    state.updateTicket(2, {
      subject: "NUL\u0000 and a lone \ud83d surrogate",
      due_at: 1_700_000_000,
      satisfaction_rating: null,
      via: { channel: 4, source: { from: {}, to: {}, rel: "follow_up" } },
    });
    state.updateTicket(3, {
      due_at: "2024-05-01T12:00:00+02:00",
      satisfaction_rating: "offered",
      custom_fields: [
        { id: 101, value: null },
        { id: 102, value: 12.5 },
        { id: 103, value: true },
        { id: 105, value: ["eu", "us"] },
      ],
    });
    const metrics = state.account.metricSets.get(3)!;
    metrics.reply_time_in_minutes = null;
    delete metrics.full_resolution_time_in_minutes;
    metrics.agent_wait_time_in_minutes = { calendar: 12.6, business: null };
    metrics.solved_at = "";
    state.addComment(4, "Automatic note \u0000 ✅");
    // The export's copy of that comment: written by Zendesk itself (author -1), time only on the parent.
    const event = state.events.at(-1)!;
    const child = event.child_events[0]!;
    child.author_id = -1;
    delete child.created_at;

    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toBeUndefined();
    expect(summary.badItems).toBe(0);
    expect(summary.tickets).toBe(12);
    const rows = await database.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT zendesk_id::int AS id, subject, due_date, satisfaction_score, via, custom_fields, first_reply_time_in_minutes AS frt,
        full_resolution_time_in_minutes AS full_r, agent_wait_time_in_minutes AS wait, solved_at
      FROM zendesk_tickets WHERE desk_id = ${desk.id} AND zendesk_id IN (2, 3) ORDER BY zendesk_id`;
    expect(rows[0]).toMatchObject({ subject: "NUL and a lone \ufffd surrogate", due_date: new Date(1_700_000_000_000), satisfaction_score: null, via: "4" });
    expect(rows[1]).toMatchObject({
      due_date: new Date("2024-05-01T10:00:00Z"),
      satisfaction_score: "offered",
      custom_fields: { "101": null, "102": 12.5, "103": true, "105": ["eu", "us"] },
      frt: null,
      full_r: null,
      wait: 13,
      solved_at: null,
    });
    const note = await database.prisma.zendeskTicketComment.findFirstOrThrow({ where: { deskId: desk.id, ticketId: 4, body: "Automatic note  ✅" } });
    expect(note.authorId).toBe(-1n);
    expect(note.createdAt?.toISOString()).toBe(new Date(String(event.created_at)).toISOString());
  });

  it("follows empty export pages that are not the end, and ends a run whose export cursor stops moving", async () => {
    fake = await FakeZendesk.start({ seed: 10, tickets: 20 });
    const desk = await addFakeDesk(fake);
    fake.inject({ path: /tickets\/cursor/, emptyPage: "new-cursor", times: 2 });
    const first = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(first.error).toBeUndefined();
    expect(first.caughtUp).toBe(true);
    expect(first.tickets).toBe(20);

    fake.inject({ path: /tickets\/cursor/, emptyPage: "same-cursor", times: 1_000 });
    const before = fake.count(/tickets\/cursor/);
    const second = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning, maxPages: Number.POSITIVE_INFINITY });
    expect(second.error).toBeUndefined();
    expect(second.caughtUp).toBe(false);
    expect(fake.count(/tickets\/cursor/) - before).toBe(1);
  });

  it("finishes a run that meets a 429 every few requests, each waited out exactly, none early", async () => {
    fake = await FakeZendesk.start({ seed: 11, tickets: 30, variant: { throttleEvery: { n: 3, retryAfterSeconds: 0.2 } } });
    const desk = await addFakeDesk(fake);
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toBeUndefined();
    expect(summary.caughtUp).toBe(true);
    const limited = fake.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(summary.rateLimited).toBe(limited.length);
    expect(fake.requests.some((r) => r.early)).toBe(false);
    fake.requests.forEach((request, i) => {
      const next = fake!.requests[i + 1];
      if (request.status === 429 && next) expect(next.at - request.at).toBeGreaterThanOrEqual(200);
    });
    expectMatchesFake(await snapshot(desk.id), fake);
  });

  it("keeps what a deleted ticket's export leaves out (subject, custom fields, names), marking it deleted", async () => {
    fake = await FakeZendesk.start({ seed: 12, tickets: 10, variant: { minimalDeleted: true } });
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    const before = await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 4 } });
    fake.state.deleteTicket(4);
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toBeUndefined();
    expect(summary.tickets).toBe(1);
    const after = await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 4 } });
    expect(after.status).toBe("deleted");
    expect(after.deletedAt).not.toBeNull();
    expect(after.updatedAt?.toISOString().replace(".000Z", "Z")).toBe(fake.state.ticket(4).updated_at);
    expect(after).toMatchObject({
      subject: before.subject,
      customFields: before.customFields,
      tags: before.tags,
      currentTags: before.currentTags,
      reqName: before.reqName,
      groupName: before.groupName,
      priority: before.priority,
    });
    expect(after.rawData).toMatchObject({ status: "deleted", subject: before.subject, custom_field_104: (before.rawData as Record<string, unknown>).custom_field_104 });
  });

  it("reads custom field values from `fields` when a ticket has no custom_fields", async () => {
    fake = await FakeZendesk.start({ seed: 13, tickets: 3 });
    const desk = await addFakeDesk(fake);
    const ticket = fake.state.ticket(2);
    delete ticket.custom_fields;
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    const row = await database.prisma.zendeskTicket.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 2 } });
    const fields = ticket.fields as { id: number; value: unknown }[];
    expect(row.customFields).toEqual(Object.fromEntries(fields.map((f) => [String(f.id), f.value])));
  });

  it("follows the ticket export by after_url when a page gives no after_cursor", async () => {
    fake = await FakeZendesk.start({ seed: 14, tickets: 20, variant: { afterUrlOnly: true } });
    const desk = await addFakeDesk(fake);
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toBeUndefined();
    expect(summary.caughtUp).toBe(true);
    expect(summary.tickets).toBe(20);
  });

  it("shows a renamed requester, assignee, group or organization on every ticket, not only the ones edited", async () => {
    fake = await FakeZendesk.start({ seed: 15, tickets: 40 });
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    const { account } = fake.state;
    const [first, ...others] = account.tickets.filter((t) => t.assignee_id && t.group_id && t.organization_id);
    const sharing = (key: string) => others.some((t) => t[key] === first![key]);
    expect(sharing("group_id") && sharing("organization_id")).toBe(true);
    const touched = iso(Math.floor(Date.now() / 1000) - 5);
    for (const [list, id, name] of [
      [account.users, first!.requester_id, "Requester renamed ✨"],
      [account.users, first!.assignee_id, "Agent renamed"],
      [account.groups, first!.group_id, "Group renamed"],
      [account.organizations, first!.organization_id, "Org renamed"],
    ] as const) {
      Object.assign(list.find((item) => item.id === id)!, { name, updated_at: touched });
    }
    fake.state.updateTicket(first!.id, { priority: "low" });
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toBeUndefined();
    expectMatchesFake(await snapshot(desk.id), fake);
  });

  it("knows the end of both exports when a server leaves end_of_stream out", async () => {
    fake = await FakeZendesk.start({ seed: 16, tickets: 20, variant: { omitEndOfStream: true } });
    const desk = await addFakeDesk(fake);
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning, maxPages: 50 });
    expect(summary.error).toBeUndefined();
    expect(summary.caughtUp).toBe(true);
    expectMatchesFake(await snapshot(desk.id), fake);
  });

  it("reads the field definitions again in the same run when a ticket carries a custom field added since", async () => {
    fake = await FakeZendesk.start({ seed: 17, tickets: 10 });
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    fake.state.addTicketField({ id: 106, title: "Warranty 🛡️", type: "text" });
    const ticket = fake.state.ticket(5);
    const custom = [...(ticket.custom_fields as { id: number; value: unknown }[]), { id: 106, value: "2 years" }];
    fake.state.updateTicket(5, { custom_fields: custom, fields: custom });
    const summary = await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    expect(summary.error).toBeUndefined();
    const field = await database.prisma.zendeskTicketField.findFirst({ where: { deskId: desk.id, zendeskId: 106 } });
    expect(field?.title).toBe("Warranty 🛡️");
    // A scheduled run with nothing new: one page of the ticket, users and organizations exports, no
    // field definitions; the event export, read up to less than a minute ago, is not asked yet.
    const third = await syncDesk(desk.id, { steps: inlineSteps, trigger: "watch", tuning });
    expect(third.requests).toBe(3);
  });

  it("reads the field definitions on every sync --once, so a renamed field shows its new title", async () => {
    fake = await FakeZendesk.start({ seed: 18, tickets: 5 });
    const desk = await addFakeDesk(fake);
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    fake.state.account.ticketFields.find((f) => f.id === 104)!.title = "Internal notes ✍️";
    await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning });
    const field = await database.prisma.zendeskTicketField.findFirstOrThrow({ where: { deskId: desk.id, zendeskId: 104 } });
    expect(field.title).toBe("Internal notes ✍️");
  });
});
