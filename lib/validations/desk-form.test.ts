import { describe, expect, it } from "vitest";
import { backfillSchema, parseDeskCreateForm, parseDeskSignInForm, parseDeskUpdateForm, savesInactive } from "@/lib/validations/desk-form";
import { echoValues } from "@/lib/validations/action-result";
import { parseUserCreateForm, userRoleFormSchema } from "@/lib/validations/user-form";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

const createValues = { address: "acme", authMethod: "api_token", email: "Agent@Example.com", token: "token-123456", waitIntervalSeconds: "60", rateLimitPerMinute: "", rateLimitShare: "50" };
const oauthValues = { address: "acme", authMethod: "client_credentials", clientId: "zdc-collector", clientSecret: "s3cret-s3cret", waitIntervalSeconds: "60", rateLimitPerMinute: "", rateLimitShare: "50" };

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

  it("defaults a new desk to OAuth client credentials, which need the client id and secret", () => {
    const noMethod = form(oauthValues);
    noMethod.delete("authMethod");
    expect(parseDeskCreateForm(noMethod).data).toMatchObject({ authMethod: "client_credentials", clientId: "zdc-collector", clientSecret: "s3cret-s3cret" });
    const missing = parseDeskCreateForm(form({ ...oauthValues, clientId: "", clientSecret: "" }));
    expect(new Set(missing.error?.issues.map((i) => i.path[0]))).toEqual(new Set(["clientId", "clientSecret"]));
    expect(missing.error?.issues.map((i) => i.message)).toEqual(expect.arrayContaining(["Enter the OAuth client's unique identifier", "Enter the OAuth client's secret"]));
    // A public client for Connect with Zendesk has no secret; leftovers of another method are ignored.
    expect(parseDeskCreateForm(form({ ...oauthValues, authMethod: "authorization_code", clientSecret: "", token: "x" })).data).toMatchObject({
      authMethod: "authorization_code",
      clientId: "zdc-collector",
    });
    expect(parseDeskCreateForm(form({ ...oauthValues, authMethod: "password" })).error?.issues[0]?.path).toEqual(["authMethod"]);
  });

  it("edits settings without credentials or activation; credentials have their own form where an empty secret keeps the stored one", () => {
    const settings = parseDeskUpdateForm(form({ ...createValues, active: "on" }));
    expect(settings.success).toBe(true);
    expect(settings.data).not.toHaveProperty("token");
    expect(settings.data).not.toHaveProperty("active");
    expect(parseDeskSignInForm(form({ authMethod: "client_credentials", clientId: "zdc-2", clientSecret: "" })).data).toEqual({ authMethod: "client_credentials", clientId: "zdc-2" });
    expect(parseDeskSignInForm(form({ authMethod: "api_token", email: "a@b.co", token: " new-token-987654 " })).data).toEqual({ authMethod: "api_token", email: "a@b.co", token: "new-token-987654" });
    expect(savesInactive(form({ intent: "save-inactive" }))).toBe(true);
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
    expect(echoValues(form({ ...createValues, clientSecret: "s3cret-s3cret", $ACTION_ID_1: "x" }), ["token", "clientSecret"])).toEqual({
      address: "acme",
      authMethod: "api_token",
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
