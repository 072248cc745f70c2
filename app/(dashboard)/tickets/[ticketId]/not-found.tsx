import { MissingRecord } from "@/components/layout/missing-record";

export default function TicketNotFound() {
  return (
    <MissingRecord
      title="Ticket not found"
      reason="No ticket with this Zendesk id is stored. It may belong to a desk that was removed, or not be synced yet."
      back={{ href: "/tickets", label: "Back to tickets" }}
    />
  );
}
