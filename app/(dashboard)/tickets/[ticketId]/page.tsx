import { ArrowLeft, ExternalLink } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TicketFreshness } from "@/app/(dashboard)/realtime-sections";
import { CommentThread } from "@/components/tickets/comment-thread";
import { RefreshCommentsButton } from "@/components/tickets/refresh-comments-button";
import { TicketColumns, TicketFacts } from "@/components/tickets/ticket-facts";
import { Badge } from "@/components/ui/badge";
import { requireUser } from "@/lib/auth";
import { getTicket, getTicketComments } from "@/lib/data/tickets";
import { refreshCommentsAction } from "./actions";

type Props = { params: Promise<{ ticketId: string }> };

// The title and the page read the same ticket: one query per request.
const loadTicket = cache(getTicket);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireUser();
  const ticket = await loadTicket((await params).ticketId);
  return { title: ticket ? `#${ticket.zendeskId} ${ticket.subject ?? ""}` : "Ticket not found" };
}

export default async function TicketPage({ params }: Props) {
  await requireUser();
  const { ticketId } = await params;
  const [ticket, comments] = await Promise.all([loadTicket(ticketId), getTicketComments(ticketId)]);
  if (!ticket) notFound();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href="/tickets" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Tickets
        </Link>
        <h1 className="text-2xl font-semibold break-words">
          <span className="text-muted-foreground">#{ticket.zendeskId}</span> {ticket.subject || "(no subject)"}
        </h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-muted-foreground">{ticket.deskName}</span>
          {ticket.deleted && <Badge tone="error">deleted in Zendesk</Badge>}
          <a href={ticket.zendeskUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 text-primary hover:underline">
            Open in Zendesk <ExternalLink className="size-3.5" aria-hidden />
          </a>
        </div>
        <TicketFreshness ticketId={ticket.id} />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="comments-heading" className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="comments-heading" className="text-lg font-semibold">
              Comments ({comments.length})
            </h2>
            <RefreshCommentsButton action={refreshCommentsAction.bind(null, ticket.id)} />
          </div>
          <CommentThread comments={comments} />
        </section>
        <TicketFacts ticket={ticket} />
      </div>
      <TicketColumns ticket={ticket} />
    </div>
  );
}
