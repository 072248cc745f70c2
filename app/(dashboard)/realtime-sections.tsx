// The real-time sections other pages place (ticket list, ticket page, desk page, sync monitor): each
// reads its own data and streams in, so the page around it is not held back; the drawing is in
// components/realtime.
import { Suspense } from "react";
import { DeskFreshnessLines } from "@/components/realtime/desk-freshness";
import { RealtimeCard } from "@/components/realtime/realtime-panel";
import { TicketFreshnessLine } from "@/components/realtime/ticket-freshness";
import { WebhookDeliveriesSummary } from "@/components/realtime/webhook-deliveries";
import { findDeskRealtime } from "@/lib/data/desk-realtime";
import { getTicketFreshness, listWebhookActivity, recentDeskFreshness } from "@/lib/data/freshness";
import { publicAppUrl } from "@/lib/desks";

const streamed = (node: React.ReactNode) => <Suspense fallback={null}>{node}</Suspense>;

async function DeskLines() {
  return <DeskFreshnessLines desks={await recentDeskFreshness()} now={new Date().getTime()} />;
}

/** Every active desk's freshness, for the ticket list. */
export function DeskFreshness() {
  return streamed(<DeskLines />);
}

async function TicketLine({ ticketId }: { ticketId: string }) {
  const freshness = await getTicketFreshness(ticketId);
  return freshness ? <TicketFreshnessLine freshness={freshness} now={new Date().getTime()} /> : null;
}

export function TicketFreshness({ ticketId }: { ticketId: string }) {
  return streamed(<TicketLine ticketId={ticketId} />);
}

async function Deliveries({ deskId }: { deskId: number }) {
  const activity = (await listWebhookActivity([deskId])).get(deskId);
  return activity ? <WebhookDeliveriesSummary deskId={deskId} activity={activity} now={new Date().getTime()} /> : null;
}

/** What the desk's webhook delivered in the last hour, for the sync monitor and the desk page. */
export function WebhookDeliveries({ deskId }: { deskId: number }) {
  return streamed(<Deliveries deskId={deskId} />);
}

async function Panel({ deskId }: { deskId: number }) {
  const realtime = await findDeskRealtime(deskId);
  if (!realtime) return null;
  return <RealtimeCard deskId={deskId} realtime={realtime} appUrl={publicAppUrl()} deliveries={<WebhookDeliveries deskId={deskId} />} now={new Date().getTime()} />;
}

/** The desk page's real-time card. */
export function RealtimePanel({ deskId }: { deskId: number }) {
  return streamed(<Panel deskId={deskId} />);
}
