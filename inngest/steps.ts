// Adapts Inngest's step tools to lib/sync's Steps. Bad credentials are final: the step ends with a
// failure marker instead of an error, so Inngest does not retry it and the sync (outside the step)
// records the error on its run as it does for any failed page. A rate-limit wait too long to hold
// the step open retries the step once Zendesk allows it.
import { RetryAfterError } from "inngest";
import type { Steps } from "@/lib/sync/steps";
import { ZendeskAuthError, ZendeskWaitError } from "@/lib/sync/errors";

type StepTools = {
  run: (id: string, fn: () => Promise<unknown>) => Promise<unknown>;
  sleep: (id: string, time: number) => Promise<void>;
};

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

export function inngestSteps(step: StepTools): Steps {
  return {
    run: async <T>(id: string, fn: () => Promise<T>) => {
      const outcome = (await step.run(id, async (): Promise<Outcome> => {
        try {
          return { ok: true, value: (await fn()) ?? null };
        } catch (error) {
          if (error instanceof ZendeskAuthError) return { ok: false, message: error.message };
          if (error instanceof ZendeskWaitError) throw new RetryAfterError(error.message, new Date(error.until));
          throw error;
        }
      })) as Outcome;
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.value as T;
    },
    sleep: (id, ms) => step.sleep(id, Math.max(1_000, Math.ceil(ms))),
  };
}
