// A macro touching thousands of tickets: Zendesk stamps them with the same second. The fake must keep
// its clock at real time through such a burst and serve the exports as documented for it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

const BASIC = `Basic ${Buffer.from("agent@example.com/token:fake-token-0123456789").toString("base64")}`;

let fake: FakeZendesk | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await fake?.close();
  fake = undefined;
});

/** A macro's changes all land in one second: the clock stands still while it runs. */
const oneSecond = () => vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });

type Page = { tickets?: { id: number; generated_timestamp: number }[]; ticket_events?: { ticket_id: number; timestamp: number }[]; after_cursor?: string; end_time?: number; end_of_stream?: boolean };

async function get(path: string): Promise<Page> {
  const res = await fetch(`${fake!.url}${path}`, { headers: { authorization: BASIC } });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe("a bulk update of thousands of tickets", () => {
  it("shares a second or two of real time, not one second per ticket", async () => {
    fake = await FakeZendesk.start({ tickets: 3_000, commentsPerTicket: [0, 0] });
    const before = Math.floor(Date.now() / 1000);
    for (let id = 1; id <= 3_000; id++) fake.state.updateTicket(id, { tags: ["macro"] });
    const seconds = new Set([...fake.state.byId.values()].map((t) => t.generated_timestamp));
    expect(seconds.size).toBeLessThanOrEqual(3);
    expect(Math.max(...seconds)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(Math.min(...seconds)).toBeGreaterThanOrEqual(before - 1);
  });

  it("gives a ticket changed twice in one second two different updated_at, so the newer version still wins", async () => {
    fake = await FakeZendesk.start({ tickets: 5 });
    const first = fake.state.updateTicket(2, { subject: "one" }).generated_timestamp;
    const second = fake.state.updateTicket(2, { subject: "two" }).generated_timestamp;
    expect(second).toBeGreaterThan(first);
  });

  it("serves every one of the second's events on one time-based page, past per_page, and the next page from that second", async () => {
    fake = await FakeZendesk.start({ tickets: 1_500, commentsPerTicket: [0, 0] });
    oneSecond();
    for (let id = 1; id <= 1_500; id++) fake.state.addComment(id, `Macro reply ${id}`);
    const burst = fake.state.ticket(1).generated_timestamp;
    // Just before the burst: every older event, then the burst's whole second(s).
    const page = await get(`/api/v2/incremental/ticket_events.json?start_time=${burst - 1}&include=comment_events&per_page=1000`);
    const ids = new Set(page.ticket_events!.filter((e) => e.timestamp === burst).map((e) => e.ticket_id));
    expect(ids.size).toBe(1_500);
    expect(page.end_of_stream).toBe(true);
    expect(page.end_time).toBe(burst);
    // The next page (start_time = end_time) repeats the last second: the duplicates Zendesk documents.
    const next = await get(`/api/v2/incremental/ticket_events.json?start_time=${page.end_time}&include=comment_events&per_page=1000`);
    expect(next.ticket_events!.every((e) => e.timestamp === page.end_time)).toBe(true);
  });

  it("walks a shared second in id order through the cursor export, and puts a change made after an export behind its cursor", async () => {
    fake = await FakeZendesk.start({ tickets: 2_501, commentsPerTicket: [0, 0] });
    oneSecond();
    for (let id = 2_501; id >= 2; id--) fake.state.updateTicket(id, { tags: ["macro"] });
    const seen: number[] = [];
    let page = await get(`/api/v2/incremental/tickets/cursor.json?start_time=1000&per_page=1000`);
    seen.push(...page.tickets!.map((t) => t.id));
    while (!page.end_of_stream) {
      page = await get(`/api/v2/incremental/tickets/cursor.json?cursor=${page.after_cursor}&per_page=1000`);
      seen.push(...page.tickets!.map((t) => t.id));
    }
    expect(seen.slice(-2_500)).toEqual(Array.from({ length: 2_500 }, (_, i) => i + 2));
    // Ticket 1, changed now, would sort before the cursor (ticket 2,501) were it stamped with the same second.
    fake.state.updateTicket(1, { tags: ["later"] });
    const after = await get(`/api/v2/incremental/tickets/cursor.json?cursor=${page.after_cursor}`);
    expect(after.tickets!.map((t) => t.id)).toEqual([1]);
  });
});
