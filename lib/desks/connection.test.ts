import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDesk, testDeskConnection as testDeskConnectionAs, testNewConnection } from "@/lib/desks";
import type { ConnectionOptions } from "@/lib/desks/connection";
import { testCaller, viewer } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { freePort } from "@/lib/testing/net";
import { deskCreateSchema } from "@/lib/validations/desk";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 7, tickets: 3, rateLimit: { limit: 700 } });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const deskAt = async (address: string, token = "some-token-123") =>
  (await createDesk(testCaller(), deskCreateSchema.parse({ address, email: "agent@example.com", token }))).desk;
const testDeskConnection = (id: number, options?: ConnectionOptions) => testDeskConnectionAs(testCaller(), id, options);
const testConnection = (credentials: Parameters<typeof testNewConnection>[1]) => testNewConnection(testCaller(), credentials);

describe("testDeskConnection", () => {
  it("reports success with the plan limit Zendesk announces, and never the token", async () => {
    const desk = await addFakeDesk(fake);
    const result = await testDeskConnection(desk.id);
    expect(result).toEqual({
      ok: true,
      planLimitPerMinute: 700,
      exportLimitPerMinute: 10,
      message: expect.stringContaining(`Connected to ${fake.host} as ${fake.email}`),
    });
    expect(result.message).toContain("plan limit 700 requests/min (incremental exports 10/min)");
    expect(result.message).toContain("The plan limit is now set on the desk. The export limit is now set on the desk.");
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).exportLimitPerMinute).toBe(10);
    expect(result.message).not.toContain(fake.token);
    expect(fake.count(/ticket_fields/)).toBe(1);
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).rateLimitPerMinute).toBe(700);
    // A limit already set (by the admin, or the previous test) is never overwritten.
    await database.prisma.desk.update({ where: { id: desk.id }, data: { rateLimitPerMinute: 300 } });
    expect((await testDeskConnection(desk.id)).message).not.toContain("now set");
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).rateLimitPerMinute).toBe(300);
  });

  it("detects the High Volume add-on's export limit from a 2,500 plan limit, unless an admin set one", async () => {
    const highVolume = await FakeZendesk.start({ tickets: 1, rateLimit: { limit: 2_500 } });
    try {
      const desk = await addFakeDesk(highVolume);
      expect(await testDeskConnection(desk.id)).toMatchObject({ ok: true, planLimitPerMinute: 2_500, exportLimitPerMinute: 30 });
      expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).exportLimitPerMinute).toBe(30);
      await database.prisma.desk.update({ where: { id: desk.id }, data: { exportLimitPerMinute: 10 } });
      await testDeskConnection(desk.id);
      expect((await database.prisma.desk.findUniqueOrThrow({ where: { id: desk.id } })).exportLimitPerMinute).toBe(10);
    } finally {
      await highVolume.close();
    }
  });

  it("is for admins only", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    const before = fake.count();
    await expect(testDeskConnectionAs(testCaller(viewer()), desk.id)).rejects.toThrow("Only admins can test desk connections.");
    expect(fake.count()).toBe(before);
  });

  it("tests credentials that are not saved yet", async () => {
    expect(await testConnection({ baseUrl: fake.url, email: fake.email, token: fake.token })).toMatchObject({ ok: true, planLimitPerMinute: 700 });
    expect(await testConnection({ baseUrl: fake.url, email: fake.email, token: "not-the-token" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("HTTP 401"),
    });
  });

  it("reports rejected credentials as a 401", async () => {
    // Same server under another host name, since a domain holds one desk.
    const desk = await deskAt(fake.url.replace("127.0.0.1", "localhost"), "wrong-token-123");
    const result = await testDeskConnection(desk.id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/rejected the credentials \(HTTP 401\)/);
    expect(result.message).not.toContain("wrong-token-123");
  });

  it("reports a 5xx once, without retrying", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    fake.inject({ status: 502, path: /ticket_fields/ });
    const before = fake.count();
    expect(await testDeskConnection(desk.id)).toEqual({ ok: false, message: `Zendesk at ${fake.host} is failing: HTTP 502. Try again later.` });
    expect(fake.count() - before).toBe(1);
  });

  it("reports a timeout", async () => {
    const desk = await database.prisma.desk.findFirstOrThrow({ where: { domain: fake.host } });
    fake.inject({ delayMs: 1_000, path: /ticket_fields/ });
    expect(await testDeskConnection(desk.id, { timeoutMs: 200 })).toEqual({ ok: false, message: `No answer from ${fake.host} within 0.2 s (timeout).` });
  });

  it("reports an unknown host and a refused connection", async () => {
    const unknown = await deskAt("https://no-such-desk.invalid");
    expect(await testDeskConnection(unknown.id)).toEqual({
      ok: false,
      message: "Unknown host: no-such-desk.invalid does not resolve. Check the desk's address.",
    });
    const port = await freePort();
    const refused = await deskAt(`http://127.0.0.1:${port}`);
    expect(await testDeskConnection(refused.id)).toEqual({ ok: false, message: `Could not connect to 127.0.0.1:${port} (connection refused or reset).` });
  });
});
