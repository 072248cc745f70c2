// Runs before every request (Next.js 16 proxy, Node.js runtime): a per-request CSP nonce, HSTS behind
// https, and the per-address budget of POST requests (sign-in, forms, server actions), kept in
// PostgreSQL so it holds across app instances. Signed endpoints (Inngest, Zendesk webhooks) are not
// counted here: their senders prove themselves per request. Authorisation is NOT done here: every
// page, action and route checks the session itself; viewers asking for an admin-only page get their
// 403 here only because a streamed page cannot change its status any more.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { FORBIDDEN_PATH, isAdminOnlyPath } from "@/lib/admin-paths";
import { clientAddress } from "@/lib/client-address";
import { context } from "@/lib/context";
import { takeToken } from "@/lib/db/rate-limits";
import { log } from "@/lib/log";
import { contentSecurityPolicy, HSTS, isSignedEndpoint } from "@/lib/security-headers";

type Env = ReturnType<typeof context>["env"];

function settings(): Env | null {
  try {
    return context().env;
  } catch {
    return null;
  }
}

async function overBudget(request: NextRequest, env: Env): Promise<NextResponse | null> {
  if (request.method !== "POST" || isSignedEndpoint(request.nextUrl.pathname)) return null;
  try {
    const decision = await takeToken(`post:addr:${clientAddress(request.headers, env.TRUST_PROXY)}`, env.POST_RATE_PER_MINUTE);
    if (decision.ok) return null;
    return new NextResponse(`Too many requests from your address: wait ${decision.retryAfterSeconds} s and try again.\n`, {
      status: 429,
      headers: { "Retry-After": String(decision.retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  } catch (error) {
    // A database outage fails the request downstream with a clear error; the limit must not add its own.
    log.warn("POST budget not checked", { err: error });
    return null;
  }
}

/** A viewer's session asking for an admin-only page: answered 403 here, before the page streams a 200. */
async function viewerOnAdminPage(request: NextRequest, env: Env): Promise<boolean> {
  if (request.method !== "GET" || !isAdminOnlyPath(request.nextUrl.pathname) || !env.AUTH_SECRET) return false;
  for (const secureCookie of [false, true]) {
    const token = await getToken({ req: request, secret: env.AUTH_SECRET, secureCookie }).catch(() => null);
    if (token?.role === "viewer") return true;
  }
  return false;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const env = settings();
  const https = request.nextUrl.protocol === "https:" || (env?.APP_URL?.startsWith("https://") ?? false) || ((env?.TRUST_PROXY ?? 0) > 0 && request.headers.get("x-forwarded-proto") === "https");
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  // Next.js reads the nonce from the request's policy and puts it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response =
    (env && (await overBudget(request, env))) ??
    (env && (await viewerOnAdminPage(request, env))
      ? NextResponse.rewrite(new URL(FORBIDDEN_PATH, request.url), { status: 403, request: { headers } })
      : NextResponse.next({ request: { headers } }));
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Static build files carry next.config.ts's headers; they need no nonce and no budget.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
