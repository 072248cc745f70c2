// Runs the fake Zendesk on its own, for trying the product or browser tests without a real account:
//   npx tsx lib/testing/fake-zendesk/main.ts [--port 4010] [--tickets 500] [--seed 1]
//     [--offset-pagination] [--max-page-size 100] [--link-origin https://acme.zendesk.com] [--gzip]
//     [--throttle-every 5 --retry-after 1.5]
//     [--oauth-client zdc --oauth-secret s3cret --oauth-redirect-uri http://localhost:3000/cb --oauth-consent page]
//     [--access-token-ttl 60 --refresh-token-ttl 3600] [--no-api-tokens]
// then `npm run cli -- desk add --domain http://127.0.0.1:4010 --email agent@example.com --token fake-token-0123456789`.
import { parseArgs } from "node:util";
import { FakeZendesk, type FakeVariant } from "@/lib/testing/fake-zendesk/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    tickets: { type: "string", default: "500" },
    seed: { type: "string", default: "1" },
    "offset-pagination": { type: "boolean", default: false },
    "max-page-size": { type: "string" },
    "link-origin": { type: "string" },
    gzip: { type: "boolean", default: false },
    "throttle-every": { type: "string" },
    "retry-after": { type: "string", default: "1" },
    "oauth-client": { type: "string" },
    "oauth-secret": { type: "string" },
    "oauth-kind": { type: "string", default: "confidential" },
    "oauth-redirect-uri": { type: "string", multiple: true, default: [] },
    "oauth-scopes": { type: "string" },
    "oauth-consent": { type: "string", default: "auto-consent" },
    "access-token-ttl": { type: "string" },
    "refresh-token-ttl": { type: "string" },
    "no-api-tokens": { type: "boolean", default: false },
    "account-id": { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`Usage: tsx lib/testing/fake-zendesk/main.ts [options]
  --port <n>             port on 127.0.0.1 (4010)
  --tickets <n>          tickets in the account (500)
  --seed <n>             seed of the generated account (1)
  --offset-pagination    list endpoints ignore page[size] and answer with next_page
  --max-page-size <n>    list endpoints return at most n items a page (100)
  --link-origin <url>    absolute links (after_url, next_page, links.next) on this origin
  --gzip                 gzip bodies when the client accepts it
  --throttle-every <n>   answer every n-th request 429 with --retry-after <seconds> (1)

OAuth (POST /oauth/tokens, GET /oauth/authorizations/new, Bearer tokens on every /api/v2 endpoint):
  --oauth-client <id>        register an OAuth client with this identifier (client_id)
  --oauth-secret <secret>    its secret (required for confidential clients)
  --oauth-kind <kind>        confidential (default) or public (PKCE required)
  --oauth-redirect-uri <url> an allowed redirect URL (repeatable; https, or http on localhost)
  --oauth-scopes <scopes>    the client's allowed scopes, space-separated (default: any)
  --oauth-consent <mode>     auto-consent (302 back with a code), deny (302 back with
                             error=access_denied) or page (an Allow/Deny page)
  --access-token-ttl <s>     every access token lives s seconds (default: as requested, else 1800)
  --refresh-token-ttl <s>    every refresh token lives s seconds (default: as requested, else 30 days)
  --no-api-tokens            refuse Basic {email}/token:{token} auth with 401 (Zendesk after 2027-04-30)

Webhooks: create them with POST /api/v2/webhooks (subscriptions zen:event-type:ticket.*); ticket
changes made through PUT/POST/DELETE /api/v2/tickets are delivered signed to their endpoints.
  --account-id <n>           x-zendesk-account-id and account_id in payloads (1234567)`);
  process.exit(0);
}
const variant: FakeVariant = {
  offsetPagination: values["offset-pagination"],
  maxPageSize: values["max-page-size"] ? Number(values["max-page-size"]) : undefined,
  linkOrigin: values["link-origin"],
  gzip: values.gzip,
  throttleEvery: values["throttle-every"] ? { n: Number(values["throttle-every"]), retryAfterSeconds: Number(values["retry-after"]) } : undefined,
};
const consent = values["oauth-consent"];
if (consent !== "auto-consent" && consent !== "deny" && consent !== "page") throw new Error(`--oauth-consent: ${consent}?`);
const kind = values["oauth-kind"];
if (kind !== "confidential" && kind !== "public") throw new Error(`--oauth-kind: ${kind}?`);
const seconds = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const clientId = values["oauth-client"];
const fake = await FakeZendesk.start({
  port: Number(values.port),
  tickets: Number(values.tickets),
  seed: Number(values.seed),
  variant,
  apiTokens: !values["no-api-tokens"],
  accountId: seconds(values["account-id"]),
  oauth: {
    consent,
    accessTokenTtlSeconds: seconds(values["access-token-ttl"]),
    refreshTokenTtlSeconds: seconds(values["refresh-token-ttl"]),
    clients: clientId
      ? [{ identifier: clientId, secret: values["oauth-secret"], kind, redirectUris: values["oauth-redirect-uri"], allowedScopes: values["oauth-scopes"]?.split(/\s+/) }]
      : [],
  },
});
console.log(`Fake Zendesk on ${fake.url} (email ${fake.email}, token ${fake.token}${values["no-api-tokens"] ? ", API tokens refused" : ""}); Ctrl-C to stop`);
if (clientId) console.log(`OAuth client ${clientId} (${kind}), consent ${consent}, authorize at ${fake.url}/oauth/authorizations/new`);
const stop = () => void fake.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
