// The one Inngest client, given this process's parsed settings (not whatever process.env holds), for
// the dispatcher that sends events and the /api/inngest endpoint that serves the functions. Dev mode
// (unsigned requests) only when INNGEST_DEV says so: the SDK would otherwise take a bare
// INNGEST_BASE_URL (a self-hosted server) for a dev server and skip every signature check.
import { inngest } from "@/inngest/client";
import { inngestDevMode, type Env } from "@/lib/env";

export function configuredInngest(env: Env): typeof inngest {
  inngest.setEnvVars({
    INNGEST_EVENT_KEY: env.INNGEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: env.INNGEST_SIGNING_KEY,
    INNGEST_BASE_URL: env.INNGEST_BASE_URL,
    INNGEST_DEV: inngestDevMode(env) ? env.INNGEST_DEV : "0",
  });
  return inngest;
}
