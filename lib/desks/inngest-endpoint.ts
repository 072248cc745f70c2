// /api/inngest: the Inngest functions, served only when an Inngest server is configured, at a URL
// pinned from settings. The SDK would otherwise build the URL it registers from the request's Host,
// X-Forwarded-Proto and ?url=, so an anonymous PUT could make the app announce (signed with its own
// key) that it lives at an attacker's host. In production an unsigned PUT is refused outright; Inngest
// syncs the app with signed requests (in-band sync), and the SDK checks every POST's signature.
import { serve } from "inngest/next";
import { functions } from "@/inngest/functions";
import { configuredInngest } from "@/lib/desks/inngest-client";
import { inngestConfigured, inngestDevMode, type Env } from "@/lib/env";

const INNGEST_PATH = "/api/inngest";

type Handler = (request: Request, context?: unknown) => Promise<Response>;
export type InngestEndpoint = { GET: Handler; POST: Handler; PUT: Handler };

const notConfigured: Handler = async () =>
  Response.json(
    { message: "Inngest is not configured for this install: the server runs its syncs itself." },
    { status: 404, headers: { "Cache-Control": "no-store" } },
  );

const holder = globalThis as unknown as { inngestEndpoint?: { env: Env; endpoint: InngestEndpoint } };

function build(env: Env): InngestEndpoint {
  if (!inngestConfigured(env)) return { GET: notConfigured, POST: notConfigured, PUT: notConfigured };
  const handler = serve({
    client: configuredInngest(env),
    functions,
    servePath: INNGEST_PATH,
    ...(env.INNGEST_SERVE_ORIGIN || env.APP_URL ? { serveOrigin: env.INNGEST_SERVE_ORIGIN ?? env.APP_URL } : {}),
    // Outside production a developer may register by hand (curl -X PUT); the URL is pinned either way.
    enableUnauthedSync: env.NODE_ENV !== "production" || inngestDevMode(env),
  }) as unknown as InngestEndpoint;
  return { GET: handler.GET, POST: handler.POST, PUT: (request) => handler.PUT(withoutStrayQuery(request)) };
}

/** A registration keeps only `deployId` from its query: the SDK copies the rest into the URL it registers. */
function withoutStrayQuery(request: Request): Request {
  const url = new URL(request.url);
  const deployId = url.searchParams.get("deployId");
  url.search = deployId ? `?deployId=${encodeURIComponent(deployId)}` : "";
  return new Request(url, request);
}

/** The handlers for the process's settings (rebuilt when a test switches them). */
export function inngestEndpoint(env: Env): InngestEndpoint {
  if (holder.inngestEndpoint?.env !== env) holder.inngestEndpoint = { env, endpoint: build(env) };
  return holder.inngestEndpoint.endpoint;
}
