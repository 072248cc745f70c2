import { describe, expect, it } from "vitest";
import { backfillSchema, parseDeskCreateForm, parseDeskUpdateForm } from "@/lib/validations/desk-form";
import { echoValues } from "@/lib/validations/action-result";
import { parseUserCreateForm, userRoleFormSchema } from "@/lib/validations/user-form";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

const createValues = { address: "acme", email: "Agent@Example.com", token: "token-123456", waitIntervalSeconds: "60", rateLimitPerMinute: "", rateLimitShare: "50" };

describe("desk forms", () => {
  it("maps the create form onto the shared schema: empty plan limit is unknown, unchecked box is inactive", () => {
    const parsed = parseDeskCreateForm(form(createValues));
    expect(parsed.success && parsed.data).toMatchObject({
      address: { domain: "acme.zendesk.com", baseUrl: "https://acme.zendesk.com" },
      email: "agent@example.com",
      active: false,
      waitIntervalSeconds: 60,
      rateLimitPerMinute: null,
      rateLimitShare: 50,
    });
    expect(parseDeskCreateForm(form({ ...createValues, active: "on" })).data?.active).toBe(true);
  });

  it("reports every bad field at once, by field name", () => {
    const parsed = parseDeskCreateForm(form({ ...createValues, address: "no spaces please", email: "x", token: "short", waitIntervalSeconds: "5" }));
    expect(parsed.success).toBe(false);
    const fields = new Set(parsed.error?.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["address", "email", "token", "waitIntervalSeconds"]));
  });

  it("keeps the stored token when the edit form's token is empty, and never changes activation", () => {
    const kept = parseDeskUpdateForm(form({ ...createValues, token: "", active: "on" }));
    expect(kept.success).toBe(true);
    expect(kept.data).not.toHaveProperty("token");
    expect(kept.data?.active).toBeUndefined();
    expect(parseDeskUpdateForm(form({ ...createValues, token: " new-token-987654 " })).data?.token).toBe("new-token-987654");
  });

  it("backfills from a past day at midnight UTC, never from the future", () => {
    expect(backfillSchema.parse({ since: "2024-03-01" }).since).toEqual(new Date("2024-03-01T00:00:00Z"));
    expect(backfillSchema.safeParse({ since: "2999-01-01" }).error?.issues[0]?.message).toBe("the date is in the future");
    expect(backfillSchema.safeParse({ since: "" }).success).toBe(false);
    // Dates PostgreSQL or Zendesk cannot take are refused here, not by a 500 later.
    expect(backfillSchema.safeParse({ since: "0000-01-01" }).error?.issues[0]?.message).toMatch(/calendar|1970/);
    expect(backfillSchema.safeParse({ since: "2024-02-30" }).error?.issues[0]?.message).toBe("2024-02-30 is not a date on the calendar");
  });

  it("echoes submitted values without secrets or React's action fields", () => {
    expect(echoValues(form({ ...createValues, $ACTION_ID_1: "x" }), ["token"])).toEqual({
      address: "acme",
      email: "Agent@Example.com",
      waitIntervalSeconds: "60",
      rateLimitPerMinute: "",
      rateLimitShare: "50",
    });
  });
});

describe("user forms", () => {
  it("parses a new user and rejects an unknown role and a short password", () => {
    expect(parseUserCreateForm(form({ email: "Lead@Example.com", name: "", role: "viewer", password: "long-enough-1" })).data).toEqual({
      email: "lead@example.com",
      name: undefined,
      role: "viewer",
      password: "long-enough-1",
    });
    const bad = parseUserCreateForm(form({ email: "lead@example.com", role: "owner", password: "short" }));
    expect(new Set(bad.error?.issues.map((i) => i.path[0]))).toEqual(new Set(["role", "password"]));
    expect(userRoleFormSchema.safeParse({ userId: "abc", role: "admin" }).success).toBe(false);
  });
});
