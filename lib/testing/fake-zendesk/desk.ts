// Adds a desk that points at a running fake Zendesk, for tests and the benchmark, the way the CLI does:
// with the fake's API token by default, or with one of its OAuth clients.
import { sealSecret } from "@/lib/crypto";
import type { Desk } from "@/lib/data/desks";
import { createDesk } from "@/lib/desks";
import { storeAuthorizationGrant } from "@/lib/sync/desk-tokens";
import { deskCreateSchema } from "@/lib/validations/desk";
import { DESK_OAUTH_SCOPE } from "@/lib/zendesk/oauth";
import type { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

export type FakeDeskOptions = {
  token?: string;
  rateLimitShare?: number;
  rateLimitPerMinute?: number;
  /** An OAuth desk instead: client credentials, or authorization code (then connected with `connectFakeDesk`). */
  oauth?: { clientId: string; clientSecret?: string; method?: "client_credentials" | "authorization_code" };
  /** Another address for the same fake (a domain holds one desk), e.g. with localhost for 127.0.0.1. */
  address?: string;
};

export async function addFakeDesk(fake: FakeZendesk, overrides: FakeDeskOptions = {}): Promise<Desk> {
  const signIn = overrides.oauth
    ? { authMethod: overrides.oauth.method ?? "client_credentials", clientId: overrides.oauth.clientId, clientSecret: overrides.oauth.clientSecret }
    : { authMethod: "api_token", email: fake.email, token: overrides.token ?? fake.token };
  const input = deskCreateSchema.parse({
    address: overrides.address ?? fake.url,
    ...signIn,
    rateLimitShare: overrides.rateLimitShare ?? 100,
    rateLimitPerMinute: overrides.rateLimitPerMinute ?? null,
    waitIntervalSeconds: 10,
  });
  return (await createDesk({ actor: { kind: "cli" }, defer: () => {} }, input)).desk;
}

/**
 * Gives an authorization code desk the tokens the consent flow would (as if an admin had connected
 * it), straight from the fake's OAuth server. Returns them for tests that revoke or expire them.
 */
export async function connectFakeDesk(fake: FakeZendesk, deskId: number, clientId: string, clientSecret?: string) {
  const issued = fake.oauth.issueToken(clientId, DESK_OAUTH_SCOPE);
  const token = fake.oauth.tokens().find((t) => t.accessToken === issued.accessToken)!;
  await storeAuthorizationGrant(
    deskId,
    { clientId, clientSecretCiphertext: clientSecret ? sealSecret(clientSecret) : null },
    {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      scope: DESK_OAUTH_SCOPE,
      issuedAt: new Date(token.createdAt),
      expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt),
      refreshExpiresAt: token.refreshExpiresAt === null ? null : new Date(token.refreshExpiresAt),
    },
  );
  return issued;
}
