// Malformed URL input never reaches the database as an error: NUL bytes, ids past int4/int8, year
// 0000, cursors JavaScript accepts and PostgreSQL does not. Every parameter of the ticket search (the
// tickets page, the CSV export, the charts' filter) and every id in a path, with each bad value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countActiveDesks, getCounts, getDurations } from "@/lib/data/charts";
import { findDesk } from "@/lib/data/desks";
import { ticketBatches, searchTickets } from "@/lib/data/ticket-search";
import { getTicket, getTicketComments, getTicketRef } from "@/lib/data/tickets";
import { findSessionUser } from "@/lib/data/users";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { parseTicketSearch, ticketSearchNotices, ticketSearchSchema } from "@/lib/validations/ticket-search";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 9, tickets: 20 });
  await syncDesk((await addFakeDesk(fake)).id, { steps: inlineSteps, trigger: "cli" });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Values that broke a query on main, and their cousins. */
const BAD_VALUES = [
  "a\u0000b",
  "\u0000",
  "99999999999",
  "9999999999999999999",
  "99999999999999999999999",
  "-1",
  "0",
  "0000-01-01",
  "0000-00-00",
  "2024-02-30",
  "+275760-09-13",
  "\ud800",
  "%00",
  "x".repeat(5_000),
  "'; DROP TABLE zendesk_tickets; --",
  "::is::",
  "Title::range::\u0000..9",
  "Title::range::1e400..",
  b64({ v: "2020-01-01", id: "99999999999999999999" }),
  b64({ v: "0000-01-01T00:00:00Z", id: "1" }),
  b64({ v: "+275760-09-13T00:00:00.000Z", id: "1" }),
  b64({ v: "a\u0000", id: "1" }),
  b64({ v: "Tue, 1 Jan 0000 00:00:00 GMT", id: "1" }),
  b64({ v: "99999999999999999999", id: "1" }),
];

const SORTS = ["id", "updated", "created", "solved", "subject"];

describe("URL parameters", () => {
  const keys = Object.keys(ticketSearchSchema.shape);

  it("never make the ticket search, the export or the charts fail, and bad ones are named", async () => {
    let checked = 0;
    for (const key of keys) {
      for (const value of BAD_VALUES) {
        for (const sort of key === "after" || key === "before" ? SORTS : ["updated"]) {
          const params = new URLSearchParams({ [key]: value, sort });
          const search = parseTicketSearch(params);
          const context = `${key}=${JSON.stringify(value).slice(0, 60)} sort=${sort}`;
          await expect(searchTickets(search), context).resolves.toBeDefined();
          const batches = ticketBatches({ ...search, after: undefined, before: undefined }, 50);
          await expect(batches.next(), context).resolves.toBeDefined();
          await batches.return(undefined);
          const filter = { desk: search.desk, from: search.createdFrom, to: search.createdTo };
          await expect(Promise.all([getCounts(filter), getDurations(filter), countActiveDesks(filter)]), context).resolves.toBeDefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(keys.length * BAD_VALUES.length);
  }, 300_000);

  it("names what it ignored, so a page can say so and an API route can answer 400", () => {
    expect(ticketSearchNotices(new URLSearchParams("createdFrom=0000-01-01&tags=a%00b&desk=99999999999&status=open"))).toEqual([
      expect.stringMatching(/^desk: /),
      expect.stringMatching(/^tags: /),
      expect.stringMatching(/^createdFrom: /),
    ]);
    expect(ticketSearchNotices(new URLSearchParams("status=open&createdFrom=2024-01-01"))).toEqual([]);
  });

  it("never make an id in a path or a cookie fail a query", async () => {
    for (const value of BAD_VALUES) {
      await expect(getTicket(value)).resolves.toBeNull();
      await expect(getTicketComments(value)).resolves.toEqual([]);
      await expect(getTicketRef(value)).resolves.toBeNull();
      await expect(findSessionUser(value)).resolves.toBeNull();
      await Promise.resolve().then(() => findDesk(value)).then(
        (desk) => expect(desk).toBeNull(),
        (error: Error) => expect(error.constructor.name).toBe("UserError"),
      );
    }
  });
});
