// One schema for desks, shared by the CLI, the desk forms and their server actions.
import { z } from "zod";

export type DeskAddress = { domain: string; baseUrl: string };

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$|^\d{1,3}(?:\.\d{1,3}){3}$|^localhost$/;

/**
 * `acme`, `acme.zendesk.com` and `https://acme.zendesk.com/` all name the same desk; a full URL with
 * another host or port (a proxy, a test server) is kept as the API base.
 */
export function parseDeskAddress(input: string): DeskAddress | { error: string } {
  const text = input.trim().toLowerCase();
  if (!text) return { error: "Enter the Zendesk subdomain, e.g. acme or acme.zendesk.com" };
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { error: `"${input.trim()}" is not a valid URL` };
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return { error: "The URL must start with https:// or http://" };
    }
    if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search) {
      return { error: "Give only the address of the Zendesk account, without a path or credentials" };
    }
    if (!HOSTNAME.test(url.hostname)) return { error: `"${url.hostname}" is not a valid host name` };
    return { domain: url.host, baseUrl: `${url.protocol}//${url.host}` };
  }
  const host = text.replace(/\/+$/, "");
  // `127.0.0.1:4010` as `desk list` shows it: a local proxy or test server, so plain http.
  const withPort = /^(.+):(\d+)$/.exec(host);
  if (withPort && !(Number(withPort[2]) >= 1 && Number(withPort[2]) <= 65_535)) return { error: `${withPort[2]} is not a port (1-65535)` };
  if (withPort && HOSTNAME.test(withPort[1]!) && !withPort[1]!.endsWith(".zendesk.com")) {
    return { domain: host, baseUrl: `http://${host}` };
  }
  if (SUBDOMAIN.test(host)) return { domain: `${host}.zendesk.com`, baseUrl: `https://${host}.zendesk.com` };
  if (HOSTNAME.test(host)) return { domain: host, baseUrl: `https://${host}` };
  return { error: `"${input.trim()}" is not a Zendesk subdomain, host name or URL` };
}

const deskDomainSchema = z.string().transform((value, ctx) => {
  const parsed = parseDeskAddress(value);
  if ("error" in parsed) {
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  }
  return parsed;
});

/** How a desk signs in to Zendesk, as the database and the forms name it. */
export type DeskAuthMethod = "client_credentials" | "authorization_code" | "api_token";

const settings = {
  name: z.string().trim().max(100).optional(),
  active: z.boolean(),
  /** The incremental export allows 10 requests a minute, so polling faster than every 10 s buys nothing. */
  waitIntervalSeconds: z.coerce.number().int().min(10, "At least 10 seconds").max(86_400, "At most one day"),
  rateLimitPerMinute: z.coerce.number().int().min(10).max(100_000).nullable(),
  rateLimitShare: z.coerce.number().int().min(1, "At least 1%").max(100, "At most 100%"),
};

const email = z.email({ error: "Enter the email of the Zendesk agent the token belongs to" }).trim().toLowerCase();

const token = z
  .string({ error: "Enter the API token" })
  .trim()
  .min(8, "The API token is too short")
  .max(200)
  .regex(/^\S+$/, "The API token has no spaces");

const clientId = z
  .string({ error: "Enter the OAuth client's unique identifier" })
  .trim()
  .min(1, "Enter the OAuth client's unique identifier")
  .max(200)
  .regex(/^\S+$/, "The client identifier has no spaces");

const clientSecret = z
  .string({ error: "Enter the OAuth client's secret" })
  .trim()
  .min(8, "The client secret is too short")
  .max(500)
  .regex(/^\S+$/, "The client secret has no spaces");

/** Callers from before OAuth pass an email and token without a method: that is an API-token desk. */
function withMethod(value: unknown): unknown {
  if (typeof value !== "object" || value === null || "authMethod" in value) return value;
  return "token" in value ? { ...value, authMethod: "api_token" } : value;
}

const created = {
  address: deskDomainSchema,
  ...settings,
  active: settings.active.default(true),
  waitIntervalSeconds: settings.waitIntervalSeconds.default(60),
  rateLimitPerMinute: settings.rateLimitPerMinute.default(null),
  rateLimitShare: settings.rateLimitShare.default(50),
};

/**
 * A new desk. OAuth client credentials (id + secret) is the default for a server-side collector;
 * authorization code desks get their tokens when an admin connects them; API tokens are legacy.
 */
export const deskCreateSchema = z.preprocess(
  withMethod,
  z.discriminatedUnion(
    "authMethod",
    [
      z.object({ ...created, authMethod: z.literal("client_credentials"), clientId, clientSecret }),
      z.object({ ...created, authMethod: z.literal("authorization_code"), clientId, clientSecret: clientSecret.optional() }),
      z.object({ ...created, authMethod: z.literal("api_token"), email, token }),
    ],
    { error: "Choose how the desk signs in to Zendesk" },
  ),
);

/**
 * New credentials for a desk (authorization code desks get theirs by connecting). An omitted secret
 * keeps the stored one where that makes sense: the same OAuth client, or the same API-token desk.
 */
export const deskCredentialsSchema = z.preprocess(
  withMethod,
  z.discriminatedUnion(
    "authMethod",
    [
      z.object({ authMethod: z.literal("client_credentials"), clientId, clientSecret: clientSecret.optional() }),
      z.object({ authMethod: z.literal("api_token"), email, token: token.optional() }),
    ],
    { error: "Choose client credentials or an API token (or connect with Zendesk)" },
  ),
);

/** "Connect with Zendesk": the OAuth client to authorize with; omitted values are the desk's own. */
export const deskConnectSchema = z.object({ clientId: clientId.optional(), clientSecret: clientSecret.optional() });

/** The desk page's sign-in form: new credentials, or "Connect with Zendesk" with an OAuth client. */
export const deskSignInSchema = z.discriminatedUnion(
  "authMethod",
  [
    z.object({ authMethod: z.literal("client_credentials"), clientId, clientSecret: clientSecret.optional() }),
    z.object({ authMethod: z.literal("authorization_code"), clientId, clientSecret: clientSecret.optional() }),
    z.object({ authMethod: z.literal("api_token"), email, token: token.optional() }),
  ],
  { error: "Choose how the desk signs in to Zendesk" },
);

/** An update names only what changes; activation has its own operation. */
export const deskUpdateSchema = z.object({ address: deskDomainSchema, ...settings }).partial().omit({ active: true });

export type DeskCreate = z.output<typeof deskCreateSchema>;
export type DeskCredentialsChange = z.output<typeof deskCredentialsSchema>;
export type DeskConnect = z.output<typeof deskConnectSchema>;
export type DeskUpdate = z.output<typeof deskUpdateSchema> & { credentials?: DeskCredentialsChange };
