import Link from "next/link";

export default function TicketNotFound() {
  return (
    <div className="flex flex-col items-start gap-3">
      <h1 className="text-xl font-semibold">Ticket not found</h1>
      <p className="text-sm text-muted-foreground">No ticket with this id is stored. It may belong to a desk that was removed.</p>
      <Link href="/tickets" className="text-sm text-primary underline">
        Back to tickets
      </Link>
    </div>
  );
}
