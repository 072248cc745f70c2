// Callers for tests of the desk use cases: the CLI's actor, or a signed-in user's, with the work an
// operation defers collected so the test can run it (as the CLI does) or leave it.
import type { Actor, Caller, Deferred } from "@/lib/desks";

export type TestCaller = Caller & { deferred: Deferred[]; runDeferred: () => Promise<string[]> };

export function testCaller(actor: Actor = { kind: "cli" }): TestCaller {
  const deferred: Deferred[] = [];
  return {
    actor,
    deferred,
    defer: (work) => deferred.push(work),
    runDeferred: async () => {
      const lines: string[] = [];
      for (const work of deferred.splice(0)) lines.push(await work());
      return lines;
    },
  };
}

export const viewer = (id = "999"): Actor => ({ kind: "user", id, email: "viewer@example.com", role: "viewer" });
export const admin = (id = "998"): Actor => ({ kind: "user", id, email: "admin@example.com", role: "admin" });
