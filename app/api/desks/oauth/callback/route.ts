// Where Zendesk sends an admin back after "Connect with Zendesk": the use case takes the state once,
// checks it belongs to this admin, trades the code for tokens; the admin lands on the desk's page,
// which says how it went (by outcome code, never by text taken from this URL).
import type { NextRequest } from "next/server";
import { ForbiddenError } from "@/lib/data/errors";
import { completeDeskConnection, type CompletedConnection } from "@/lib/desks";
import { currentCaller } from "@/lib/server-action";

/**
 * A relative Location: the browser stays on the address it used (and its session cookie), whatever
 * host name the server sees behind a proxy.
 */
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

export async function GET(request: NextRequest): Promise<Response> {
  const caller = await currentCaller();
  if (!caller) return seeOther("/login");
  const answer = request.nextUrl.searchParams;
  let result: CompletedConnection;
  try {
    result = await completeDeskConnection(caller, { state: answer.get("state"), code: answer.get("code"), error: answer.get("error") });
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    result = { deskId: null, outcome: "refused" };
  }
  const query = new URLSearchParams({ connect: result.outcome, ...(result.reason ? { reason: result.reason } : {}) });
  return seeOther(`${result.deskId ? `/desks/${result.deskId}` : "/desks"}?${query}`);
}
