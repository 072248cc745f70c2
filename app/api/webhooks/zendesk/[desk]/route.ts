// Zendesk's webhook deliveries for a desk with real-time on. Anonymous by nature: lib/desks checks the
// signature before anything is written, answers at once, and the ticket is fetched after the answer.
import { after } from "next/server";
import { receiveZendeskWebhook, type Deferred } from "@/lib/desks";

type Params = { params: Promise<{ desk: string }> };

function deferAfterResponse(work: Deferred): void {
  after(() =>
    work().catch((error: unknown) => console.error(`webhook follow-up failed: ${error instanceof Error ? error.message : String(error)}`)),
  );
}

export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { desk } = await params;
  const answer = await receiveZendeskWebhook(desk, request, { actor: { kind: "system" }, defer: deferAfterResponse });
  return Response.json(answer.body, { status: answer.status });
}
