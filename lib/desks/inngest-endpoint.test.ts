// /api/inngest as an attacker meets it: forged Host, X-Forwarded-Proto and ?url= on a registration,
// unsigned function calls, and an install without Inngest.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inngestEndpoint } from "@/lib/desks/inngest-endpoint";
import { testEnv } from "@/lib/testing/db";
import { FakeInngest } from "@/lib/testing/fake-inngest";

let fake: FakeInngest;
const signingKey = `signkey-prod-${randomBytes(32).toString("hex")}`;

beforeAll(async () => {
  fake = await FakeInngest.start();
});
afterAll(() => fake.close());

/** A self-hosted Inngest (base URL + keys, no INNGEST_DEV), as docker-compose.yml configures it. */
const selfHosted = (more: Record<string, string> = {}) =>
  testEnv({ INNGEST_BASE_URL: fake.url, INNGEST_SIGNING_KEY: signingKey, INNGEST_EVENT_KEY: "event-key", APP_URL: "https://collector.example.com", ...more });

const forgedPut = () =>
  new Request("http://attacker.test/api/inngest?url=http%3A%2F%2Fattacker.test%2Fapi%2Finngest", {
    method: "PUT",
    headers: { host: "attacker.test", "x-forwarded-proto": "http", "x-forwarded-host": "attacker.test" },
  });

describe("/api/inngest", () => {
  it("answers 404 without a stack trace when no Inngest is configured", async () => {
    const endpoint = inngestEndpoint(testEnv());
    for (const method of ["GET", "POST", "PUT"] as const) {
      const response = await endpoint[method](new Request("http://localhost/api/inngest", { method }));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: expect.stringContaining("not configured") });
    }
  });

  it("refuses an unsigned registration in production, whatever the Host says", async () => {
    const before = fake.registrations.length;
    const response = await inngestEndpoint(selfHosted({ NODE_ENV: "production" })).PUT(forgedPut());
    expect(response.status).toBe(401);
    expect(fake.registrations.length).toBe(before);
  });

  it("registers only the configured APP_URL, never the request's host, where unsigned syncs are allowed", async () => {
    const response = await inngestEndpoint(selfHosted()).PUT(forgedPut());
    expect(response.status).toBe(200);
    expect(fake.registrations.at(-1)?.url).toBe("https://collector.example.com/api/inngest");
    expect(fake.registrations.map((r) => r.url).join(" ")).not.toContain("attacker");
  });

  it("refuses an unsigned step call from anyone when a self-hosted server is configured (no dev mode)", async () => {
    const forgedStep = new Request("https://collector.example.com/api/inngest?fnId=zendesk-data-collector-sync-desk&stepId=step", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: { name: "desk/backfill.requested", data: { deskId: 1, since: "2001-01-01T00:00:00Z" } }, steps: {}, ctx: { run_id: "r", attempt: 0 } }),
    });
    const response = await inngestEndpoint(selfHosted({ NODE_ENV: "production" })).POST(forgedStep);
    expect(response.status).toBe(401);
  });
});
