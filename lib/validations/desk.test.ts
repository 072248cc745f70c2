import { describe, expect, it } from "vitest";
import { deskCreateSchema, parseDeskAddress } from "@/lib/validations/desk";
import { apiTokenDaysLeft, apiTokenNotice } from "@/lib/validations/desk-auth";

describe("parseDeskAddress", () => {
  it.each([
    ["acme", "acme.zendesk.com", "https://acme.zendesk.com"],
    ["ACME.zendesk.com", "acme.zendesk.com", "https://acme.zendesk.com"],
    ["https://acme.zendesk.com/", "acme.zendesk.com", "https://acme.zendesk.com"],
    [" acme.zendesk.com/ ", "acme.zendesk.com", "https://acme.zendesk.com"],
    ["http://127.0.0.1:4010", "127.0.0.1:4010", "http://127.0.0.1:4010"],
    ["http://localhost:4010/", "localhost:4010", "http://localhost:4010"],
    ["support.example.org", "support.example.org", "https://support.example.org"],
    ["127.0.0.1:4010", "127.0.0.1:4010", "http://127.0.0.1:4010"],
  ])("%s → %s", (input, domain, baseUrl) => {
    expect(parseDeskAddress(input)).toEqual({ domain, baseUrl });
  });

  it.each([
    ["", /subdomain/],
    ["acme corp", /not a Zendesk subdomain/],
    ["ftp://acme.zendesk.com", /https:\/\/ or http:\/\//],
    ["https://acme.zendesk.com/api/v2", /without a path/],
    ["https://user:pw@acme.zendesk.com", /without a path or credentials/],
    ["-acme", /not a Zendesk subdomain/],
    ["127.0.0.1:99999", /not a port/],
    ["127.0.0.1:0", /not a port/],
    ["http://127.0.0.1:99999", /not a valid URL/],
  ])("refuses %j", (input, message) => {
    const result = parseDeskAddress(input);
    expect("error" in result && result.error).toMatch(message);
  });
});

describe("deskCreateSchema", () => {
  const base = { address: "acme", email: "agent@acme.com", token: "abcdefgh1234" };

  it("fills the defaults a new desk gets", () => {
    expect(deskCreateSchema.parse(base)).toMatchObject({
      address: { domain: "acme.zendesk.com" },
      active: true,
      waitIntervalSeconds: 60,
      rateLimitShare: 50,
      rateLimitPerMinute: null,
    });
  });

  it("names the field of each problem", () => {
    const result = deskCreateSchema.safeParse({ ...base, email: "nope", token: "short", waitIntervalSeconds: "5", rateLimitShare: "150" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields.sort()).toEqual(["email", "rateLimitShare", "token", "waitIntervalSeconds"]);
  });
});

describe("the API-token deadline", () => {
  it("counts the days left until Zendesk turns API tokens off on 2027-04-30, then none", () => {
    expect(apiTokenDaysLeft(new Date("2026-11-30T12:00:00Z"))).toBe(151);
    expect(apiTokenDaysLeft(new Date("2027-04-29T23:59:00Z"))).toBe(1);
    expect(apiTokenDaysLeft(new Date("2027-04-30T00:00:00Z"))).toBe(0);
    expect(apiTokenNotice(new Date("2027-04-29T08:00:00Z"))).toContain("(1 day left)");
    expect(apiTokenNotice(new Date("2027-05-02T08:00:00Z"))).toBe("Zendesk turned API tokens off on 30 April 2027: switch this desk to OAuth.");
  });
});
