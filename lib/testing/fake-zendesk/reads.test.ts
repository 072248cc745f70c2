// Pins Show Ticket, show_many and the users/organizations exports (see /work/notes/zendesk-realtime-endpoints.md).
import { afterEach, describe, expect, it } from "vitest";
import { FakeZendesk, type FakeZendeskOptions } from "@/lib/testing/fake-zendesk/server";

const BASIC = `Basic ${Buffer.from("agent@example.com/token:fake-token-0123456789").toString("base64")}`;

let fake: FakeZendesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeZendeskOptions = {}) {
  fake = await FakeZendesk.start({ tickets: 20, users: 12, ...options });
  return fake;
}

async function get(path: string) {
  const res = await fetch(`${fake!.url}${path}`, { headers: { authorization: BASIC } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & Record<string, Record<string, unknown>[]> };
}

describe("Show Ticket and show_many", () => {
  it("shows one ticket with its sideloads, with or without .json, and 404s unknown and deleted tickets", async () => {
    await start();
    const ticket = fake!.state.ticket(4);
    const { status, body } = await get("/api/v2/tickets/4.json?include=users,groups,organizations,metric_sets");
    expect(status).toBe(200);
    expect(body.ticket).toMatchObject({ id: 4, subject: ticket.subject });
    expect(body.users!.map((u) => u.id)).toContain(ticket.requester_id);
    expect(body.organizations!.map((o) => o.id)).toEqual([ticket.organization_id]);
    expect(body.metric_sets!.map((m) => m.ticket_id)).toEqual([4]);
    expect((await get("/api/v2/tickets/4")).body).not.toHaveProperty("users");

    fake!.state.deleteTicket(4);
    for (const path of ["/api/v2/tickets/4.json", "/api/v2/tickets/999"]) {
      expect(await get(path)).toEqual({ status: 404, body: { error: "RecordNotFound", description: "Not found" } });
    }
  });

  it("shows many, leaving out unknown and deleted ids and looking up at most 100", async () => {
    await start({ tickets: 120 });
    fake!.state.deleteTicket(2);
    const { body } = await get("/api/v2/tickets/show_many.json?ids=1,2,3,9999&include=users");
    expect(body.tickets!.map((t) => t.id)).toEqual([1, 3]);
    expect(body.users!.length).toBeGreaterThan(0);
    const ids = Array.from({ length: 110 }, (_, i) => i + 1).join(",");
    expect((await get(`/api/v2/tickets/show_many?ids=${ids}`)).body.tickets).toHaveLength(99);
    expect((await get("/api/v2/tickets/show_many")).status).toBe(400);
  });
});

describe("incremental users export (cursor)", () => {
  it("pages through every user, then returns only users changed since its cursor; tickets don't move", async () => {
    await start();
    const first = await get("/api/v2/incremental/users/cursor.json?start_time=0&per_page=5");
    expect(first.body).toMatchObject({ before_cursor: null, before_url: null, end_of_stream: false });
    expect(first.body.users).toHaveLength(5);
    let cursor = first.body.after_cursor as unknown as string;
    expect(first.body.after_url).toBe(`${fake!.url}/api/v2/incremental/users/cursor.json?cursor=${cursor}`);
    const seen = [...first.body.users!];
    for (;;) {
      const page = await get(`/api/v2/incremental/users/cursor.json?cursor=${cursor}&per_page=5`);
      seen.push(...page.body.users!);
      cursor = page.body.after_cursor as unknown as string;
      if (page.body.end_of_stream) break;
    }
    expect(seen.map((u) => u.id).sort()).toEqual(fake!.state.account.users.map((u) => u.id).sort());

    const tickets = await get("/api/v2/incremental/tickets/cursor.json?start_time=0");
    const ticketCursor = tickets.body.after_cursor as unknown as string;
    fake!.state.renameUser(5003, "Renamed Agent ✓");
    const agent = fake!.state.addAgent({ name: "New Agent" });

    const changed = await get(`/api/v2/incremental/users/cursor.json?cursor=${cursor}`);
    expect(changed.body.users!.map((u) => [u.id, u.name])).toEqual([[5003, "Renamed Agent ✓"], [agent.id, "New Agent"]]);
    expect(changed.body.end_of_stream).toBe(true);
    expect((await get(`/api/v2/incremental/tickets/cursor.json?cursor=${ticketCursor}`)).body.tickets).toEqual([]);
    expect((await get(`/api/v2/incremental/users/cursor.json?cursor=${changed.body.after_cursor}`)).body.users).toEqual([]);
  });

  it("needs a start_time at least a minute old", async () => {
    await start();
    expect((await get("/api/v2/incremental/users/cursor.json")).status).toBe(400);
    expect((await get(`/api/v2/incremental/users/cursor.json?start_time=${Math.floor(Date.now() / 1000)}`)).status).toBe(400);
  });
});

describe("incremental organizations export (time-based)", () => {
  it("returns organizations changed since start_time with end_time and next_page, repeating the boundary second", async () => {
    await start();
    const all = await get("/api/v2/incremental/organizations.json?start_time=0");
    expect(all.body).toMatchObject({ count: 5, end_of_stream: true });
    const endTime = all.body.end_time as unknown as number;
    expect(all.body.next_page).toBe(`${fake!.url}/api/v2/incremental/organizations.json?start_time=${endTime}`);

    // The seeded organizations share one second: the next poll repeats them, as Zendesk's docs warn.
    expect((await get(`/api/v2/incremental/organizations.json?start_time=${endTime}`)).body.count).toBe(5);

    const since = Math.floor(Date.now() / 1000) - 61;
    fake!.state.renameOrganization(9002, "Renamed Org");
    const changed = await get(`/api/v2/incremental/organizations?start_time=${since}`);
    expect(changed.body.organizations!.map((o) => [o.id, o.name])).toEqual([[9002, "Renamed Org"]]);
    expect(changed.body.end_time).toBe(Math.floor(Date.parse(String(changed.body.organizations![0]!.updated_at)) / 1000));
  });

  it("never gets stuck on a page full of one second", async () => {
    await start();
    const page = await get("/api/v2/incremental/organizations.json?start_time=0&per_page=2");
    expect(page.body.count).toBe(5);
    expect(page.body.end_of_stream).toBe(true);
  });
});

describe("rate limits", () => {
  it("count the users and organizations exports against the export limit", async () => {
    await start({ rateLimit: { limit: 100, exportLimit: 2, retryAfterSeconds: 7 } });
    expect((await get("/api/v2/incremental/users/cursor.json?start_time=0")).status).toBe(200);
    expect((await get("/api/v2/incremental/organizations.json?start_time=0")).status).toBe(200);
    const limited = await fetch(`${fake!.url}/api/v2/incremental/users/cursor.json?start_time=0`, { headers: { authorization: BASIC } });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
  });
});
