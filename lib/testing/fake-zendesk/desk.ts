// Adds a desk that points at a running fake Zendesk, for tests and the benchmark, the way the CLI does.
import type { Desk } from "@/lib/data/desks";
import { createDesk } from "@/lib/desks";
import { deskCreateSchema } from "@/lib/validations/desk";
import type { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

export async function addFakeDesk(fake: FakeZendesk, overrides: { token?: string; rateLimitShare?: number; rateLimitPerMinute?: number } = {}): Promise<Desk> {
  const input = deskCreateSchema.parse({
    address: fake.url,
    email: fake.email,
    token: overrides.token ?? fake.token,
    rateLimitShare: overrides.rateLimitShare ?? 100,
    rateLimitPerMinute: overrides.rateLimitPerMinute ?? null,
    waitIntervalSeconds: 10,
  });
  return (await createDesk({ actor: { kind: "cli" }, defer: () => {} }, input)).desk;
}
