import { ArrowLeft, ExternalLink } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TicketFreshness } from "@/app/(dashboard)/realtime-sections";
import { BrowserTimeZone } from "@/components/tickets/browser-time-zone";
import { CommentThread, TicketDescription } from "@/components/tickets/comment-thread";
import { PRIORITY_TONE, STATUS_TONE } from "@/components/tickets/format";
import { RefreshCommentsButton } from "@/components/tickets/refresh-comments-button";
import { TicketColumns, TicketFacts, TicketSummary } from "@/components/tickets/ticket-facts";
import { TimeZonePicker } from "@/components/tickets/time-zone-picker";
import { Badge } from "@/components/ui/badge";
import { requireUser } from "@/lib/auth";
import { getTicket, getTicketComments, type TicketRef } from "@/lib/data/tickets";
import { ticketReader } from "@/lib/ticket-reader";
import { zoneOffset } from "@/lib/validations/time-zone";
import { setTimeZoneAction } from "../actions";
import { refreshCommentsAction } from "./actions";
import { TicketChooser } from "./ticket-chooser";

type Props = { params: Promise<{ ticketId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /tickets/<Zendesk id>, and ?desk=<desk id> when two desks have a ticket with that id. */
async function refOf({ params, searchParams }: Props): Promise<TicketRef> {
  const [{ ticketId }, query] = await Promise.all([params, searchParams]);
  const desk = typeof query.desk === "string" && /^\d{1,9}$/.test(query.desk) ? Number(query.desk) : undefined;
  return { zendeskId: ticketId, deskId: desk };
}

// The title and the page read the same ticket: one query per request.
const loadReader = cache(async () => ticketReader(await requireUser()));
const loadTicket = cache(async (zendeskId: string, deskId: number | undefined) => getTicket({ zendeskId, deskId }, await loadReader()));

export async function generateMetadata(props: Props): Promise<Metadata> {
  const ref = await refOf(props);
  const found = await loadTicket(ref.zendeskId, ref.deskId);
  return { title: found.kind === "found" ? `#${found.ticket.zendeskId} ${found.ticket.subject ?? ""}` : found.kind === "ambiguous" ? `#${ref.zendeskId}` : "Ticket not found" };
}

export default async function TicketPage(props: Props) {
  const ref = await refOf(props);
  const reader = await loadReader();
  const [found, comments] = await Promise.all([loadTicket(ref.zendeskId, ref.deskId), getTicketComments(ref, reader)]);
  if (found.kind === "missing") notFound();
  if (found.kind === "ambiguous") return <TicketChooser zendeskId={ref.zendeskId} desks={found.desks} />;
  const { ticket } = found;
  const [first, ...replies] = comments;
  const zoneNote = (
    <TimeZonePicker
      info={{ timeZone: reader.timeZone, offset: zoneOffset(reader.timeZone), source: reader.zoneSource, browserZone: reader.browserZone }}
      save={setTimeZoneAction}
    />
  );
  return (
    <div className="flex flex-col gap-5">
      <BrowserTimeZone known={reader.browserZone} />
      <div className="flex flex-col gap-2">
        <Link href="/tickets" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft className="size-4" aria-hidden /> Tickets
        </Link>
        <h1 className="text-2xl font-semibold break-words">
          <span className="text-muted-foreground">#{ticket.zendeskId}</span> {ticket.subject || "(no subject)"}
        </h1>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          {ticket.status && (
            <Badge tone={STATUS_TONE[ticket.status] ?? "neutral"} className="text-sm" data-testid="status-badge">
              {ticket.status}
            </Badge>
          )}
          <Badge tone={ticket.priority ? (PRIORITY_TONE[ticket.priority] ?? "neutral") : "neutral"} className="text-sm" data-testid="priority-badge">
            {ticket.priority ? `${ticket.priority} priority` : "no priority"}
          </Badge>
          {ticket.deleted && <Badge tone="error">deleted in Zendesk</Badge>}
          <span className="text-muted-foreground">{ticket.deskName}</span>
          <a href={ticket.zendeskUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 text-primary hover:underline">
            Open in Zendesk <ExternalLink className="size-3.5" aria-hidden />
          </a>
        </div>
        <TicketFreshness ticketId={ticket.id} />
      </div>
      <TicketSummary ticket={ticket} timeZone={reader.timeZone} zoneNote={zoneNote} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <TicketDescription first={first} description={ticket.description} masked={ticket.masked} timeZone={reader.timeZone} />
          <section aria-labelledby="comments-heading" className="flex min-w-0 flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="comments-heading" className="text-lg font-semibold">
                Replies ({replies.length})
              </h2>
              <RefreshCommentsButton action={refreshCommentsAction.bind(null, ticket.id)} />
            </div>
            <CommentThread comments={replies} timeZone={reader.timeZone} />
          </section>
        </div>
        <TicketFacts ticket={ticket} />
      </div>
      <TicketColumns ticket={ticket} timeZone={reader.timeZone} />
    </div>
  );
}
