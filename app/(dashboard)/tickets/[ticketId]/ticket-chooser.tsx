import Link from "next/link";

/** /tickets/<id> when several desks have a ticket with that Zendesk id: which one? */
export function TicketChooser({ zendeskId, desks }: { zendeskId: string; desks: { id: number; name: string }[] }) {
  return (
    <div className="flex max-w-xl flex-col gap-3">
      <h1 className="text-2xl font-semibold">Ticket #{zendeskId} is in {desks.length} desks</h1>
      <p className="text-sm text-muted-foreground">Each Zendesk account numbers its tickets itself. Which one do you mean?</p>
      <ul className="flex flex-col gap-2" aria-label="Desks with this ticket">
        {desks.map((desk) => (
          <li key={desk.id}>
            <Link href={`/tickets/${zendeskId}?desk=${desk.id}`} className="text-primary hover:underline">
              #{zendeskId} in {desk.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
