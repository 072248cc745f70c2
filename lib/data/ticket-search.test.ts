import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchTickets, ticketBatches, ticketWhere, type MatchStrategy } from "@/lib/data/ticket-search";
import type { TicketReader } from "@/lib/data/ticket-access";
import { sanitizeCommentHtml } from "@/lib/data/tickets";
import { db } from "@/lib/db/client";
import { setDeskPrivacy } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { testCaller } from "@/lib/testing/callers";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { parseTicketSearch, ticketSearchParams } from "@/lib/validations/ticket-search";

let database: TestDatabase;
let fake: FakeZendesk;
let deskId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ tickets: 120, seed: 7 });
  fake.state.deleteTicket(3);
  // A word that only one comment holds (full text's comment side).
  fake.state.addComment(12, "qqcommentonly is in one comment", true);
  deskId = (await addFakeDesk(fake)).id;
  await syncDesk(deskId, { steps: inlineSteps, trigger: "cli" });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const ADMIN: TicketReader = { role: "admin", timeZone: "UTC" };
const search = (query: string, reader: TicketReader = ADMIN) => searchTickets(parseTicketSearch(new URLSearchParams(query)), reader);
const fakeTickets = () => fake.state.account.tickets.filter((t) => t.status !== "deleted");
const customValue = (ticket: Record<string, unknown>, id: number) =>
  (ticket.custom_fields as { id: number; value: unknown }[]).find((f) => f.id === id)?.value;

describe("searchTickets", () => {
  it("hides deleted tickets unless asked", async () => {
    const page = await search("size=100");
    expect(page.total).toBe(fakeTickets().length);
    expect(page.rows.some((r) => r.zendeskId === "3")).toBe(false);
    const withDeleted = await search("deleted=1&q=&size=100");
    expect(withDeleted.total).toBe(120);
  });

  it("filters a dropdown custom field by its title, by label or by tag value", async () => {
    const expected = fakeTickets().filter((t) => customValue(t, 101) === "beta").map((t) => String(t.id)).sort();
    for (const value of ["beta", "Beta"]) {
      const page = await search(`cf=${encodeURIComponent(`Product 📦::is::${value}`)}&size=100`);
      expect(page.rows.map((r) => r.zendeskId).sort()).toEqual(expected);
    }
  });

  it("filters checkbox, number range and text contains, combined with status", async () => {
    const expected = fakeTickets()
      .filter((t) => customValue(t, 103) === true && t.status === "open")
      .map((t) => String(t.id))
      .sort();
    const page = await search(`cf=${encodeURIComponent("vip::checked::true")}&status=open&size=100`);
    expect(page.rows.map((r) => r.zendeskId).sort()).toEqual(expected);
    const unchecked = fakeTickets()
      .filter((t) => customValue(t, 103) !== true && t.status === "open")
      .map((t) => String(t.id))
      .sort();
    const uncheckedPage = await search(`cf=${encodeURIComponent("vip::checked::false")}&status=open&size=100`);
    expect(uncheckedPage.rows.map((r) => r.zendeskId).sort()).toEqual(unchecked);
    expect(unchecked.length).toBeGreaterThan(0);

    const inRange = fakeTickets().filter((t) => {
      const v = customValue(t, 102);
      return typeof v === "number" && v >= 1000 && v <= 50000;
    });
    expect((await search(`cf=${encodeURIComponent("Order number::range::1000..50000")}&size=100`)).total).toBe(inRange.length);

    const atLeast = fakeTickets().filter((t) => {
      const v = customValue(t, 102);
      return typeof v === "number" && v >= 90000;
    });
    expect((await search(`cf=${encodeURIComponent("Order number::range::90000..")}&size=100`)).total).toBe(atLeast.length);

    const withWord = fakeTickets().filter((t) => String(customValue(t, 104) ?? "").toLowerCase().includes("invoice"));
    expect((await search(`cf=${encodeURIComponent("Notes::contains::INVOICE")}&size=100`)).total).toBe(withWord.length);
  });

  it("reports a custom-field title no desk has and matches nothing", async () => {
    const page = await search(`cf=${encodeURIComponent("No such field::is::x")}`);
    expect(page.rows).toEqual([]);
    expect(page.unknownFields).toEqual(["No such field"]);
  });

  it("pages with keyset cursors forwards and back without gaps or repeats", async () => {
    const walk = async (size: number) => {
      const pages = [await search(`sort=created&dir=asc&size=${size}`)];
      while (pages.at(-1)!.next) pages.push(await search(`sort=created&dir=asc&size=${size}&after=${pages.at(-1)!.next}`));
      return pages;
    };
    const small = await walk(25);
    const large = await walk(100);
    const ids = small.flatMap((p) => p.rows.map((r) => r.zendeskId));
    expect(ids).toEqual(large.flatMap((p) => p.rows.map((r) => r.zendeskId)));
    expect(new Set(ids).size).toBe(fakeTickets().length);
    const back = await search(`sort=created&dir=asc&size=25&before=${small[2]!.prev}`);
    expect(back.rows.map((r) => r.zendeskId)).toEqual(small[1]!.rows.map((r) => r.zendeskId));
    expect(small[0]!.prev).toBeNull();
  });

  it("starts from the first page when a cursor does not fit the sort", async () => {
    const first = await search("sort=created&size=25");
    const byId = await search(`sort=created&size=25&after=${(await search("sort=subject&size=25")).next}`);
    expect(byId.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect((await search("sort=id&after=not-base64!")).prev).toBeNull();
  });

  it("sorts on a nullable column across pages in both directions", async () => {
    for (const dir of ["asc", "desc"]) {
      const ids: string[] = [];
      let after = "";
      for (;;) {
        const page = await search(`sort=solved&dir=${dir}&size=25${after ? `&after=${after}` : ""}`);
        ids.push(...page.rows.map((r) => r.zendeskId));
        if (!page.next) break;
        after = page.next;
      }
      expect(new Set(ids).size).toBe(fakeTickets().length);
    }
  });

  it("finds tickets by words in their comments", async () => {
    const comment = fake.state.addComment(10, "zyxwordunique appears only here", false);
    await syncDesk(deskId, { steps: inlineSteps, trigger: "cli" });
    const page = await search("q=zyxwordunique");
    expect(page.rows.map((r) => r.zendeskId)).toEqual(["10"]);
    expect(comment.public).toBe(false);
  });

  it("exports the same rows in batches as the search finds", async () => {
    const parsed = parseTicketSearch(new URLSearchParams("status=open,pending&sort=id&dir=asc"));
    const batches: string[][] = [];
    for await (const batch of ticketBatches(parsed, ADMIN, 7)) batches.push(batch.map((r) => r.zendeskId));
    const expected = fakeTickets().filter((t) => t.status === "open" || t.status === "pending").map((t) => String(t.id));
    expect(batches.flat()).toEqual(expected);
    expect(batches[0]).toHaveLength(7);
  });
});

describe("the total of the list as it opens (counted from ticket_rollups)", () => {
  // Exact, as a COUNT gives it, also for a ticket without created_at (which the rollups leave out).
  const exact = async (where: string) => {
    const [row] = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM zendesk_tickets t WHERE t.deleted_at IS NULL AND ${where}`);
    return Number(row!.n);
  };
  const cases: [string, string][] = [
    ["", "TRUE"],
    ["desk=999999", "FALSE"],
    ["status=open,pending", "t.status IN ('open', 'pending')"],
    ["priority=urgent,none", "(t.priority = 'urgent' OR t.priority IS NULL)"],
  ];

  it("matches a count of the tickets, also after tickets change", async () => {
    const check = async () => {
      for (const [query, where] of [...cases, [`desk=${deskId}&status=solved`, `t.desk_id = ${deskId} AND t.status = 'solved'`] as [string, string]]) {
        const page = await search(query);
        expect({ query, total: page.total, capped: page.totalCapped }).toEqual({ query, total: await exact(where), capped: false });
      }
    };
    await check();
    const [first, second] = fakeTickets().map((t) => t.id);
    const saved = await db().$queryRawUnsafe<{ zendesk_id: bigint; created_at: Date; status: string; priority: string | null }[]>(
      `SELECT zendesk_id, created_at, status, priority FROM zendesk_tickets WHERE zendesk_id IN (${first}, ${second})`,
    );
    try {
      await db().$executeRawUnsafe(`UPDATE zendesk_tickets SET created_at = NULL WHERE zendesk_id = ${first}`);
      await db().$executeRawUnsafe(`UPDATE zendesk_tickets SET status = 'open', priority = NULL WHERE zendesk_id = ${second}`);
      expect(await exact("t.created_at IS NULL")).toBe(1);
      await check();
    } finally {
      // Back as they were, for the other tests.
      for (const row of saved) {
        await db().$executeRaw`UPDATE zendesk_tickets SET created_at = ${row.created_at}, status = ${row.status}, priority = ${row.priority} WHERE zendesk_id = ${row.zendesk_id}`;
      }
    }
  });

  it("is counted on the tickets for any other filter", async () => {
    const page = await search("status=open&type=incident");
    expect(page.total).toBe(await exact("t.status = 'open' AND t.ticket_type = 'incident'"));
  });
});

describe("comment HTML", () => {
  it("strips scripts, handlers and javascript: links from comment HTML", () => {
    const html = sanitizeCommentHtml(`<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">a</a><img src=x onerror=alert(1)></p>`);
    expect(html).not.toMatch(/script|onclick|onerror|javascript/);
    expect(html).toContain("<p>hi");
  });
});

describe("ticketSearchParams", () => {
  it("round-trips a search through the URL", () => {
    const parsed = parseTicketSearch(new URLSearchParams("status=open,new&cf=A%2C+b%3A%3Ais%3A%3Ax&desk=2&sort=created&cols=id,subject,tags"));
    expect(parseTicketSearch(ticketSearchParams(parsed))).toEqual(parsed);
    expect(parsed.cf).toEqual([{ title: "A, b", op: "is", value: "x" }]);
  });
});

describe("full text, walked in the list's order or fetched by id", () => {
  const matches = async (q: string, reader: TicketReader, strategy: MatchStrategy) => {
    const { where } = await ticketWhere(parseTicketSearch(new URLSearchParams({ q })), reader, { strategy });
    const rows = await db().$queryRaw<{ id: bigint }[]>`SELECT t.zendesk_id AS id FROM zendesk_tickets t WHERE ${where} ORDER BY 1`;
    return rows.map((r) => Number(r.id));
  };

  it("finds the same tickets either way, for an admin and for a viewer of a masked desk", async () => {
    // The commonest words of comments and of tickets, and a word only one comment holds.
    const common = async (table: "zendesk_tickets" | "zendesk_ticket_comments") =>
      (await db().$queryRaw<{ word: string }[]>`SELECT word FROM ts_stat(${`SELECT search_vector FROM ${table}`}) ORDER BY ndoc DESC, word LIMIT 2`).map((r) => r.word);
    const words = [...(await common("zendesk_ticket_comments")), ...(await common("zendesk_tickets")), "qqcommentonly"];
    const viewer: TicketReader = { role: "viewer", timeZone: "UTC" };
    await setDeskPrivacy(testCaller(), deskId, true);
    try {
      for (const q of words) {
        for (const reader of [ADMIN, viewer]) {
          const byIds = await matches(q, reader, "ids");
          expect({ q, role: reader.role, ids: await matches(q, reader, "walk") }).toEqual({ q, role: reader.role, ids: byIds });
        }
        expect((await matches(q, ADMIN, "ids")).length).toBeGreaterThan(0);
      }
      // The mask hides comments: the word only a comment holds is not found for the viewer.
      expect(await matches("qqcommentonly", ADMIN, "walk")).toEqual([12]);
      expect(await matches("qqcommentonly", viewer, "walk")).toEqual([]);
    } finally {
      await setDeskPrivacy(testCaller(), deskId, false);
    }
  });
});

describe("number ranges, walked in the list's order or fetched by id", () => {
  it("find the same tickets either way, alone and with other filters", async () => {
    const ids = async (query: string, strategy: MatchStrategy) => {
      const { where } = await ticketWhere(parseTicketSearch(new URLSearchParams(query)), ADMIN, { strategy });
      const rows = await db().$queryRaw<{ id: bigint }[]>`SELECT t.zendesk_id AS id FROM zendesk_tickets t WHERE ${where} ORDER BY 1`;
      return rows.map((r) => Number(r.id));
    };
    for (const range of ["1000..50000", "90000..", "..20000"]) {
      for (const query of [`cf=${encodeURIComponent(`Order number::range::${range}`)}`, `cf=${encodeURIComponent(`Order number::range::${range}`)}&status=open,pending`]) {
        const byIds = await ids(query, "ids");
        expect({ query, ids: await ids(query, "walk") }).toEqual({ query, ids: byIds });
        expect(byIds.length, query).toBeGreaterThan(0);
      }
    }
  });
});

describe("counts past the cap", () => {
  const BULK = 1_050;
  beforeAll(async () => {
    // More tickets than the list counts, each with "bulkword" in its subject.
    await db().$executeRaw`
      INSERT INTO zendesk_tickets (desk_id, domain, zendesk_id, subject, status, created_at, updated_at, raw_data)
      SELECT ${deskId}, d.domain, 900000 + g, 'bulkword ticket ' || g, 'open', now(), now(), '{}'::jsonb
      FROM generate_series(1, ${BULK}) g, desks d WHERE d.id = ${deskId}`;
  });
  afterAll(async () => {
    await db().$executeRaw`DELETE FROM zendesk_tickets WHERE zendesk_id > 900000`;
  });

  it("stops at 1,000 and says there are more, in either form of full text and for other filters", async () => {
    const searchWith = (query: string, strategy?: MatchStrategy) => searchTickets(parseTicketSearch(new URLSearchParams(query)), ADMIN, { strategy });
    for (const strategy of ["walk", "ids", undefined] as const) {
      for (const query of ["q=bulkword", "q=ticket", "status=open&organization=none"]) {
        const page = await searchWith(query, strategy);
        expect({ query, strategy, total: page.total, capped: page.totalCapped }).toEqual({ query, strategy, total: 1000, capped: true });
      }
      const few = await searchWith("q=bulkword&status=solved", strategy);
      expect({ strategy, total: few.total, capped: few.totalCapped }).toEqual({ strategy, total: 0, capped: false });
    }
  });
});
