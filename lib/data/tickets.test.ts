// The ticket list and the ticket page as a support lead and a viewer get them, on two desks synced from
// fake Zendesks: sorting by severity, page numbers, stemming and accents, days in the reader's zone,
// custom-field and SLA columns, tickets by Zendesk id, and personal data masked for viewers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MASKED, type TicketReader } from "@/lib/data/ticket-access";
import { csvRows } from "@/lib/data/ticket-export";
import { searchTickets, ticketBatches, type TicketPage } from "@/lib/data/ticket-search";
import { getTicket, getTicketComments } from "@/lib/data/tickets";
import { db } from "@/lib/db/client";
import { setDeskPrivacy } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { testCaller, viewer as viewerActor } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import type { Json } from "@/lib/testing/fake-zendesk/factory";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { parseTicketSearch, visibleColumns } from "@/lib/validations/ticket-search";

let database: TestDatabase;
let a: FakeZendesk;
let b: FakeZendesk;
let deskA: number;
let deskB: number;

const ADMIN: TicketReader = { role: "admin", timeZone: "UTC" };
const VIEWER: TicketReader = { role: "viewer", timeZone: "UTC" };

beforeAll(async () => {
  database = await createTestDatabase();
  a = await FakeZendesk.start({ tickets: 90, seed: 5 });
  b = await FakeZendesk.start({ tickets: 10, seed: 9 });
  a.state.updateTicket(5, { subject: "Refund for the ünïcödé Café order" });
  a.state.updateTicket(6, { created_at: "2026-01-05T23:30:00Z" });
  b.state.updateTicket(3, { description: "The zebrafinch lives in this description" });
  b.state.updateTicket(4, { subject: "A zebrafinch in the subject" });
  b.state.addComment(2, "A kiwibird appears in this comment only");
  deskA = (await addFakeDesk(a)).id;
  deskB = (await addFakeDesk(b)).id;
  for (const desk of [deskA, deskB]) await syncDesk(desk, { steps: inlineSteps, trigger: "cli" });
  await setDeskPrivacy(testCaller(), deskB, true);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await database.drop();
});

const search = (query: string, reader: TicketReader = ADMIN) => searchTickets(parseTicketSearch(new URLSearchParams(query)), reader);
const ticketsOf = (fake: FakeZendesk) => fake.state.account.tickets;
const user = (fake: FakeZendesk, id: unknown) => fake.state.account.users.find((u) => u.id === id) as Json;

async function walk(query: string, reader: TicketReader = ADMIN): Promise<TicketPage[]> {
  const pages = [await search(query, reader)];
  while (pages.at(-1)!.next) {
    const last = pages.at(-1)!;
    pages.push(await search(`${query}&after=${last.next}&page=${last.page + 1}`, reader));
  }
  return pages;
}

const RANK: Record<string, number> = { low: 1, normal: 2, high: 3, urgent: 4 };
const priorityOf = (deskId: number, zendeskId: string) => (deskId === deskA ? a : b).state.ticket(Number(zendeskId)).priority as string | null;

describe("the ticket list", () => {
  it("sorts priority by severity with blank priorities last, both ways, across pages", async () => {
    for (const dir of ["desc", "asc"] as const) {
      const pages = await walk(`sort=priority&dir=${dir}&size=25&desk=${deskA}`);
      const priorities = pages.flatMap((p) => p.rows.map((r) => priorityOf(r.deskId, r.zendeskId)));
      expect(priorities).toHaveLength(90);
      const ranked = priorities.filter((p) => p !== null).map((p) => RANK[p!]!);
      const blanks = priorities.length - ranked.length;
      expect(blanks).toBeGreaterThan(5);
      expect(priorities.slice(ranked.length).every((p) => p === null)).toBe(true);
      expect(ranked).toEqual([...ranked].sort((x, y) => (dir === "desc" ? y - x : x - y)));
      expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i + 1));
    }
  });

  it("walks back from the blank priorities into the ranked ones, page by page", async () => {
    const pages = await walk(`sort=priority&dir=desc&size=25&desk=${deskA}`);
    for (let i = pages.length - 1; i > 0; i--) {
      const back = await search(`sort=priority&dir=desc&size=25&desk=${deskA}&before=${pages[i]!.prev}&page=${i}`);
      expect(back.rows.map((r) => r.id)).toEqual(pages[i - 1]!.rows.map((r) => r.id));
      expect(back.page).toBe(i);
    }
  });

  it("jumps to a page by its number, into the blanks too, and goes on from there", async () => {
    const pages = await walk(`sort=priority&dir=asc&size=25&desk=${deskA}`);
    for (let n = 1; n <= pages.length; n++) {
      const jumped = await search(`sort=priority&dir=asc&size=25&desk=${deskA}&page=${n}`);
      expect(jumped.rows.map((r) => r.id)).toEqual(pages[n - 1]!.rows.map((r) => r.id));
      expect(jumped.page).toBe(n);
      expect(jumped.prev === null).toBe(n === 1);
    }
    const third = await search(`sort=priority&dir=asc&size=25&desk=${deskA}&page=3`);
    const fourth = await search(`sort=priority&dir=asc&size=25&desk=${deskA}&after=${third.next}&page=4`);
    expect(fourth.rows.map((r) => r.id)).toEqual(pages[3]!.rows.map((r) => r.id));
    const beyond = await search(`sort=priority&dir=asc&size=25&desk=${deskA}&page=99`);
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(90);
  });

  it("sorts status by the life cycle: new, open, pending, hold, solved, closed", async () => {
    const pages = await walk(`sort=status&dir=asc&size=50&desk=${deskA}`);
    const order = ["new", "open", "pending", "hold", "solved", "closed"];
    const statuses = pages.flatMap((p) => p.rows.map((r) => order.indexOf(a.state.ticket(Number(r.zendeskId)).status)));
    expect(statuses).toEqual([...statuses].sort((x, y) => x - y));
  });

  it("finds word forms and words without their accents, and explains a query of common words", async () => {
    for (const q of ["refunds", "unicode", "ÜNICODE", "cafe order"]) {
      expect((await search(`q=${encodeURIComponent(q)}&desk=${deskA}`)).rows.map((r) => r.zendeskId)).toContain("5");
    }
    const withCafe = ticketsOf(a).filter((t) => /café/i.test(`${t.subject} ${t.description}`)).map((t) => String(t.id));
    const found = (await search(`q=cafe&desk=${deskA}&size=100`)).rows.map((r) => r.zendeskId);
    expect(withCafe.every((id) => found.includes(id))).toBe(true);
    const common = await search("q=the");
    expect(common).toMatchObject({ emptyQuery: true, rows: [], total: 0 });
  });

  it("reads a date filter as days in the reader's time zone", async () => {
    const query = `desk=${deskA}&createdFrom=2026-01-06&createdTo=2026-01-06`;
    expect((await search(query, { role: "admin", timeZone: "UTC" })).rows).toEqual([]);
    expect((await search(query, { role: "admin", timeZone: "Europe/Berlin" })).rows.map((r) => r.zendeskId)).toEqual(["6"]);
    expect((await search(`desk=${deskA}&createdFrom=2026-01-05&createdTo=2026-01-05`, { role: "admin", timeZone: "America/New_York" })).rows.map((r) => r.zendeskId)).toEqual(["6"]);
  });

  it("shows custom fields by their labels and SLA metrics as columns", async () => {
    const page = await search(`desk=${deskA}&size=100&cols=id,subject,firstReply,fullResolution&cfcol=${encodeURIComponent("Product 📦")}&cfcol=VIP`);
    expect(page.rows).toHaveLength(90);
    for (const row of page.rows) {
      const ticket = a.state.ticket(Number(row.zendeskId));
      const metrics = a.state.account.metricSets.get(ticket.id) as { reply_time_in_minutes: { calendar: number }; full_resolution_time_in_minutes: { calendar: number | null } };
      expect(row.cells.firstReply).toBe(metrics.reply_time_in_minutes.calendar);
      expect(row.cells.fullResolution).toBe(metrics.full_resolution_time_in_minutes.calendar);
      const product = (ticket.custom_fields as { id: number; value: unknown }[]).find((f) => f.id === 101)?.value;
      expect(row.custom["Product 📦"]).toBe(product === "alpha" ? "Alpha" : product === "beta" ? "Beta" : null);
      expect(["Yes", "No"]).toContain(row.custom.VIP);
      expect(Object.keys(row.cells).sort()).toEqual(["firstReply", "fullResolution", "id", "subject"]);
    }
  });

  it("filters a custom field on its own desk when another desk uses the same field id for another field", async () => {
    const beta = (fake: FakeZendesk) =>
      fake.state.account.tickets.filter((t) => (t.custom_fields as { id: number; value: unknown }[]).some((f) => f.id === 101 && f.value === "beta"));
    expect(beta(b).length).toBeGreaterThan(0);
    const query = `cf=${encodeURIComponent("Product 📦::is::beta")}&size=100`;
    const both = await search(query);
    expect(new Set(both.rows.map((r) => r.deskId))).toEqual(new Set([deskA, deskB]));
    await db().$executeRaw`UPDATE zendesk_ticket_fields SET title = 'Region' WHERE desk_id = ${deskB} AND zendesk_id = 101`;
    try {
      const page = await search(query);
      expect(page.rows.map((r) => `${r.deskId}:${r.zendeskId}`).sort()).toEqual(beta(a).map((t) => `${deskA}:${t.id}`).sort());
    } finally {
      await db().$executeRaw`UPDATE zendesk_ticket_fields SET title = 'Product 📦' WHERE desk_id = ${deskB} AND zendesk_id = 101`;
    }
  });

  it("filters a checkbox only on the desks that have a field of that title", async () => {
    const unchecked = (fake: FakeZendesk, desk: number) =>
      fake.state.account.tickets
        .filter((t) => t.status !== "deleted" && (t.custom_fields as { id: number; value: unknown }[]).find((f) => f.id === 103)?.value !== true)
        .map((t) => `${desk}:${t.id}`);
    const query = `cf=${encodeURIComponent("VIP::checked::false")}&size=100`;
    const both = (await search(query)).rows.map((r) => `${r.deskId}:${r.zendeskId}`).sort();
    expect(both).toEqual([...unchecked(a, deskA), ...unchecked(b, deskB)].sort());
    await db().$executeRaw`UPDATE zendesk_ticket_fields SET title = 'Priority customer' WHERE desk_id = ${deskB} AND zendesk_id = 103`;
    try {
      const page = await search(query);
      expect(page.rows.map((r) => `${r.deskId}:${r.zendeskId}`).sort()).toEqual(unchecked(a, deskA).sort());
    } finally {
      await db().$executeRaw`UPDATE zendesk_ticket_fields SET title = 'VIP' WHERE desk_id = ${deskB} AND zendesk_id = 103`;
    }
  });

  it("marks rows whose Zendesk id another desk also has", async () => {
    const page = await search("sort=id&dir=asc&size=100");
    for (const row of page.rows) expect(row.clash).toBe(Number(row.zendeskId) <= 10);
  });
});

describe("personal data on a desk that masks it", () => {
  it("reaches admins but not viewers, in the list and the CSV", async () => {
    const query = "sort=id&dir=asc&size=100&cols=id,subject,requester,requesterEmail";
    const [forAdmin, forViewer] = await Promise.all([search(query), search(query, VIEWER)]);
    const names = new Set(ticketsOf(b).map((t) => user(b, t.requester_id).name as string));
    for (const row of forViewer.rows) {
      expect(row.masked).toBe(row.deskId === deskB);
      if (row.deskId === deskB) expect([row.cells.requester, row.cells.requesterEmail]).toEqual([null, null]);
      else expect(row.cells.requester).toBe(user(a, a.state.ticket(Number(row.zendeskId)).requester_id).name);
    }
    expect(forAdmin.rows.filter((r) => r.deskId === deskB).every((r) => names.has(String(r.cells.requester)))).toBe(true);

    const search_ = parseTicketSearch(new URLSearchParams(`${query}&desk=${deskB}`));
    let csv = "";
    for await (const batch of ticketBatches(search_, VIEWER)) csv += csvRows(batch, { columns: visibleColumns(search_), customTitles: [], timeZone: "UTC" });
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(10);
    expect(csv).toContain(MASKED);
    for (const name of names) expect(csv).not.toContain(name);
    for (const t of ticketsOf(b)) expect(csv).not.toContain(String(user(b, t.requester_id).email));
  });

  it("lets a viewer's search match only subjects there, never descriptions or comments", async () => {
    const ids = async (q: string, reader: TicketReader) => (await search(`q=${q}&desk=${deskB}`, reader)).rows.map((r) => r.zendeskId).sort();
    expect(await ids("zebrafinch", ADMIN)).toEqual(["3", "4"]);
    expect(await ids("zebrafinch", VIEWER)).toEqual(["4"]);
    expect(await ids("kiwibird", ADMIN)).toEqual(["2"]);
    expect(await ids("kiwibird", VIEWER)).toEqual([]);
  });

  it("hides requester, description and comment bodies on the ticket page from viewers", async () => {
    const ref = { zendeskId: "3", deskId: deskB };
    const [asViewer, asAdmin] = await Promise.all([getTicket(ref, VIEWER), getTicket(ref, ADMIN)]);
    if (asViewer.kind !== "found" || asAdmin.kind !== "found") throw new Error("ticket 3 of desk B not found");
    const requester = user(b, b.state.ticket(3).requester_id);
    expect(asAdmin.ticket.requester).toMatchObject({ name: requester.name, email: requester.email });
    expect(asAdmin.ticket.description).toContain("zebrafinch");
    expect(asViewer.ticket).toMatchObject({ masked: true, requester: { name: null, email: null }, description: null });
    expect(asViewer.ticket.columns.filter((c) => c.hidden).map((c) => c.name).sort()).toEqual(["description", "req_email", "req_external_id", "req_name", "submitter_name"]);
    expect(JSON.stringify(asViewer)).not.toContain(String(requester.email));
    expect(JSON.stringify(asViewer)).not.toContain("zebrafinch");

    const [viewerComments, adminComments] = await Promise.all([getTicketComments(ref, VIEWER), getTicketComments(ref, ADMIN)]);
    expect(viewerComments.length).toBe(adminComments.length);
    expect(viewerComments.every((c) => c.masked && c.body === null && c.html === null)).toBe(true);
    expect(adminComments.every((c) => !c.masked && c.body)).toBe(true);
    for (const comment of viewerComments) {
      if (comment.authorRole === "agent" || comment.authorRole === "admin") expect(comment.author).not.toBeNull();
      else expect(comment.author).toBeNull();
    }
    expect(adminComments[0]!.author).toBe(requester.name);
  });
});

describe("the ticket page", () => {
  it("finds a ticket by its Zendesk id with the basics a lead reads first", async () => {
    const found = await getTicket({ zendeskId: "50" }, VIEWER);
    if (found.kind !== "found") throw new Error(`expected ticket 50, got ${found.kind}`);
    const source = a.state.ticket(50);
    const requester = user(a, source.requester_id);
    expect(found.ticket).toMatchObject({
      zendeskId: "50",
      deskId: deskA,
      masked: false,
      status: source.status,
      priority: source.priority,
      channel: (source.via as { channel: string }).channel,
      satisfaction: (source.satisfaction_rating as { score: string }).score,
      tags: source.tags,
      requester: { name: requester.name, email: requester.email },
    });
    expect(Date.parse(found.ticket.times.created!)).toBe(Date.parse(String(source.created_at)));
    const comments = await getTicketComments({ zendeskId: "50" }, VIEWER);
    expect(comments[0]).toMatchObject({ author: requester.name, authorRole: "end-user", masked: false });
  });

  it("asks which desk when two desks have the id, and finds it with the desk", async () => {
    const lookup = await getTicket({ zendeskId: "3" }, ADMIN);
    expect(lookup).toMatchObject({ kind: "ambiguous" });
    expect(lookup.kind === "ambiguous" && lookup.desks.map((d) => d.id).sort()).toEqual([deskA, deskB].sort());
    expect(await getTicket({ zendeskId: "3", deskId: deskA }, ADMIN)).toMatchObject({ kind: "found", ticket: { deskId: deskA } });
    for (const id of ["999999", "12345678901234567890", "1e3", ""]) expect(await getTicket({ zendeskId: id }, ADMIN)).toEqual({ kind: "missing" });
  });

  it("refuses a viewer the privacy switch", async () => {
    await expect(setDeskPrivacy(testCaller(viewerActor()), deskA, true)).rejects.toThrow(/Only admins/);
  });
});
