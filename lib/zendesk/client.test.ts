import { afterEach, describe, expect, it } from "vitest";
import { FakeZendesk, type FakeZendeskOptions } from "@/lib/testing/fake-zendesk/server";
import { ZendeskClient, type ZendeskClientOptions } from "@/lib/zendesk/client";
import { fetchTicketCommentsPage, fetchTicketExportPage, fetchTicketFields } from "@/lib/zendesk/endpoints";
import { ZendeskAuthError, ZendeskRequestError, ZendeskWaitError } from "@/lib/zendesk/errors";

let fake: FakeZendesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: FakeZendeskOptions = {}, client: Partial<ZendeskClientOptions> = {}) {
  fake = await FakeZendesk.start({ tickets: 20, ...options });
  return new ZendeskClient({ baseUrl: fake.url, email: fake.email, token: fake.token, rateLimitShare: 100, backoffBaseMs: 20, exportLimitPerWindow: 1000, ...client });
}

describe("ZendeskClient", () => {
  it("waits out Retry-After exactly, with no request before it expires, and reports it", async () => {
    const blocks: Date[] = [];
    const client = await setup({}, { onRetryAfter: (until) => void blocks.push(until) });
    fake!.inject({ status: 429, retryAfterSeconds: 1 });
    const { fields } = await fetchTicketFields(client);
    expect(fields).toHaveLength(6);
    const [limited, retried] = fake!.requests;
    expect(limited!.status).toBe(429);
    expect(retried!.status).toBe(200);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000);
    expect(fake!.requests.some((r) => r.early)).toBe(false);
    expect(blocks).toHaveLength(1);
    expect(client.stats).toEqual({ requests: 2, rateLimited: 1 });
  });

  it("paces itself from the rate-limit headers so a full window never sees a 429", async () => {
    const client = await setup({ rateLimit: { limit: 4, windowMs: 1000 } }, { windowMs: 1000 });
    const started = Date.now();
    for (let i = 0; i < 10; i++) await fetchTicketFields(client);
    expect(fake!.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(fake!.requests.some((r) => r.early)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(client.observedRateLimit).toBe(4);
  });

  it("spends only its share of the account's limit", async () => {
    const client = await setup({ rateLimit: { limit: 4, windowMs: 1000 } }, { windowMs: 1000, rateLimitShare: 50, rateLimitPerMinute: 4 });
    for (let i = 0; i < 4; i++) await fetchTicketFields(client);
    const times = fake!.requests.map((r) => r.at);
    expect(fake!.requests.every((r) => r.status === 200)).toBe(true);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("retries 5xx with HTML bodies and timeouts, then succeeds", async () => {
    const client = await setup({}, { timeoutMs: 300 });
    fake!.inject({ status: 502, times: 2 });
    fake!.inject({ delayMs: 600, path: /ticket_fields/ });
    const { fields } = await fetchTicketFields(client);
    expect(fields).toHaveLength(6);
    // The stalled request was abandoned by the client (no status recorded) and sent again.
    expect(fake!.requests.map((r) => r.status)).toEqual([502, 502, 0, 200]);
    expect(client.stats.requests).toBe(4);
  });

  it("gives up after the last attempt with a message that carries no secret", async () => {
    const client = await setup({}, { maxAttempts: 3 });
    fake!.inject({ status: 503, times: 5 });
    const error = await fetchTicketFields(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskRequestError);
    expect((error as Error).message).toMatch(/HTTP 503/);
    expect((error as Error).message).not.toContain(fake!.token);
    expect(fake!.count()).toBe(3);
  });

  it("reports bad credentials clearly without the token", async () => {
    const client = await setup({}, { token: "wrong-token-123" });
    const error = await fetchTicketFields(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskAuthError);
    expect((error as Error).message).toMatch(/rejected the credentials \(HTTP 401\)/);
    expect((error as Error).message).not.toContain("wrong-token-123");
    expect(fake!.count()).toBe(1);
  });

  it("hands long waits back to the caller instead of holding a step", async () => {
    const client = await setup({}, { maxInlineWaitMs: 100 });
    fake!.inject({ status: 429, retryAfterSeconds: 30 });
    const error = await fetchTicketFields(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskWaitError);
    expect((error as ZendeskWaitError).until).toBeGreaterThan(Date.now() + 29_000);
    expect(fake!.count()).toBe(1);
  });

  it("sets a bad item aside and keeps the rest of the page", async () => {
    const client = await setup();
    fake!.state.corruptTicket(3);
    const page = await fetchTicketExportPage(client, { startTime: 0 }, 10);
    expect(page.bad).toBe(1);
    expect(page.tickets.map((t) => t.id)).not.toContain(3);
    expect(page.tickets).toHaveLength(9);
    expect(page.endOfStream).toBe(false);
    expect(page.users.length).toBeGreaterThan(0);
    expect(page.metricSets).toHaveLength(10);
    expect(fake!.requests[0]!.query).toMatchObject({ support_type_scope: "all", include: "users,groups,organizations,metric_sets", per_page: "10" });
  });

  it("asks for less after a timeout and never for a start_time under a minute old", async () => {
    const client = await setup({}, { timeoutMs: 300 });
    fake!.inject({ delayMs: 600, path: /tickets\/cursor/ });
    const now = Math.floor(Date.now() / 1000);
    const page = await fetchTicketExportPage(client, { startTime: now }, 1000);
    expect(page.endOfStream).toBe(true);
    const [first, second] = fake!.requests;
    expect(first!.query.per_page).toBe("1000");
    expect(second!.query.per_page).toBe("500");
    expect(Number(second!.query.start_time)).toBeLessThanOrEqual(now - 61);
  });

  it.each([
    ["cursor pagination", { maxPageSize: 4 }],
    ["offset pagination (page[size] ignored)", { maxPageSize: 4, offsetPagination: true }],
  ])("follows every page of ticket fields with %s, links on the account's own host taken onto the desk's", async (_, variant) => {
    const client = await setup({ variant: { ...variant, linkOrigin: "https://acme.zendesk.com" } }, { timeoutMs: 2_000, maxAttempts: 2 });
    const { fields } = await fetchTicketFields(client);
    expect(fields.map((f) => f.id)).toEqual(fake!.state.account.ticketFields.map((f) => f.id));
    expect(fake!.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it.each([
    ["cursor pagination", { maxPageSize: 2 }],
    ["offset pagination (page[size] ignored)", { maxPageSize: 2, offsetPagination: true }],
  ])("pages through one ticket's comments with %s", async (_, variant) => {
    const client = await setup({ variant: { ...variant, linkOrigin: "https://acme.zendesk.com" }, commentsPerTicket: [5, 5] }, { timeoutMs: 2_000, maxAttempts: 2 });
    const ids: number[] = [];
    let next: string | null = null;
    do {
      const page = await fetchTicketCommentsPage(client, 4, next);
      ids.push(...page.comments.map((c) => c.id));
      next = page.next;
    } while (next);
    expect(ids).toEqual(fake!.state.account.comments.get(4)!.map((c) => c.id));
    expect(fake!.count()).toBe(3);
  });

  it("waits out a 503's Retry-After like a 429's, with no request before it expires", async () => {
    const client = await setup({}, { backoffBaseMs: 1 });
    fake!.inject({ status: 503, retryAfterSeconds: 1 });
    const { fields } = await fetchTicketFields(client);
    expect(fields).toHaveLength(6);
    const [unavailable, retried] = fake!.requests;
    expect(unavailable!.status).toBe(503);
    expect(retried!.at - unavailable!.at).toBeGreaterThanOrEqual(1000);
  });

  it("takes Retry-After in fractional seconds", async () => {
    const client = await setup();
    fake!.inject({ status: 429, retryAfterSeconds: 0.6 });
    await fetchTicketFields(client);
    const [limited, retried] = fake!.requests;
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(600);
  });

  it("reads gzip bodies", async () => {
    const client = await setup({ variant: { gzip: true } });
    const page = await fetchTicketExportPage(client, { startTime: 0 }, 10);
    expect(page.tickets).toHaveLength(10);
  });

  it("holds at most a window on ratelimit-reset, and after a 429 waits for Retry-After only", async () => {
    const headers = { "x-rate-limit": "200", "ratelimit-remaining": "0", "ratelimit-reset": "1700000000" };
    const client = await setup({ variant: { headers } }, { windowMs: 500, maxInlineWaitMs: 5_000 });
    fake!.inject({ status: 429, retryAfterSeconds: 0.2 });
    const started = Date.now();
    await fetchTicketFields(client);
    await fetchTicketFields(client);
    expect(Date.now() - started).toBeLessThan(3_000);
    const [limited, retried] = fake!.requests;
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(200);
    expect(retried!.at - limited!.at).toBeLessThan(450);
  });
});
