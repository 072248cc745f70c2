// What a lead reads first on a ticket page (people, channel, satisfaction, tags, times in the reader's
// zone), the side panel (custom fields by their Zendesk title, SLA metrics), and every stored column.
import { formatMinutes } from "@/components/tickets/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { TicketDetail } from "@/lib/data/tickets";
import { formatInZone } from "@/lib/validations/time-zone";

const HIDDEN = <span className="text-muted-foreground italic">(hidden)</span>;
const NONE = <span className="text-muted-foreground">—</span>;

function Rows({ rows, label }: { rows: { key: string; name: string; value: React.ReactNode }[]; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-1.5 text-sm">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="break-words text-muted-foreground">{row.name}</dt>
          <dd className="break-words">{row.value ?? NONE}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The basics, in the order a lead asks: who asked, who has it, how it came in, how it went, when. */
export function TicketSummary({ ticket, timeZone, zoneNote }: { ticket: TicketDetail; timeZone: string; zoneNote: React.ReactNode }) {
  const { requester } = ticket;
  const time = (iso: string | null) => (iso ? <time dateTime={iso} className="tabular-nums">{formatInZone(iso, timeZone)}</time> : null);
  const people: [string, React.ReactNode][] = [
    [
      "Requester",
      ticket.masked ? (
        HIDDEN
      ) : requester.name || requester.email ? (
        <>
          {requester.name ?? requester.email}
          {requester.name && requester.email && <span className="block text-muted-foreground">{requester.email}</span>}
        </>
      ) : null,
    ],
    ["Organization", requester.organization],
    ["Assignee", ticket.assignee],
    ["Group", ticket.group],
  ];
  const ticketFacts: [string, React.ReactNode][] = [
    ["Channel", ticket.channel],
    ["Type", ticket.type],
    ["Satisfaction", ticket.satisfaction],
    ["Tags", ticket.tags.length ? <span className="flex flex-wrap gap-1">{ticket.tags.map((tag) => <code key={tag} className="rounded bg-muted px-1 text-xs">{tag}</code>)}</span> : null],
  ];
  const times: [string, React.ReactNode][] = [
    ["Created", time(ticket.times.created)],
    ["Updated", time(ticket.times.updated)],
    ["Solved", time(ticket.times.solved)],
    ...(ticket.times.due ? ([["Due", time(ticket.times.due)]] as [string, React.ReactNode][]) : []),
  ];
  const block = (label: string, facts: [string, React.ReactNode][]) => (
    <dl aria-label={label} className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {facts.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-muted-foreground">{name}</dt>
          <dd className="min-w-0 break-words">{value ?? NONE}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <section aria-label="Ticket summary" className="grid gap-4 rounded-lg border border-border bg-card p-4 md:grid-cols-3">
      {block("People", people)}
      {block("Ticket", ticketFacts)}
      <div className="flex flex-col gap-2">
        {block("Times", times)}
        <div className="text-xs text-muted-foreground">{zoneNote}</div>
      </div>
    </section>
  );
}

/** Every stored column, full width under the thread: long names and values need the room. */
export function TicketColumns({ ticket, timeZone }: { ticket: TicketDetail; timeZone: string }) {
  return (
    <details className="rounded-lg border border-border bg-card p-5">
      <summary className="cursor-pointer text-sm font-medium text-muted-foreground">All columns ({ticket.columns.length})</summary>
      <dl aria-label="All columns" className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 xl:grid-cols-3">
        {ticket.columns.map((c) => (
          <div key={c.name} className="min-w-0">
            <dt className="font-mono text-xs text-muted-foreground">{c.name}</dt>
            <dd className="break-words">{c.hidden ? HIDDEN : c.value === null ? NONE : c.time ? formatInZone(c.value, timeZone, { seconds: true }) : c.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function TicketFacts({ ticket }: { ticket: TicketDetail }) {
  return (
    <aside className="flex min-w-0 flex-col gap-4" aria-label="Ticket details">
      <Card>
        <CardHeader>
          <CardTitle>Custom fields</CardTitle>
        </CardHeader>
        <CardContent>
          {ticket.customFields.length === 0 ? (
            <p className="text-sm text-muted-foreground">This ticket has no custom field values.</p>
          ) : (
            <Rows label="Custom fields" rows={ticket.customFields.map((f) => ({ key: f.id, name: f.title, value: f.value }))} />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>SLA metrics</CardTitle>
        </CardHeader>
        <CardContent>
          <table className="w-full text-sm" aria-label="SLA metrics">
            <caption className="sr-only">Times in calendar and business hours</caption>
            <thead>
              <tr className="text-left text-xs text-muted-foreground">
                <th scope="col" className="pb-1 font-medium">Metric</th>
                <th scope="col" className="pb-1 font-medium">Calendar</th>
                <th scope="col" className="pb-1 font-medium">Business</th>
              </tr>
            </thead>
            <tbody>
              {ticket.sla.map((m) => (
                <tr key={m.label}>
                  <th scope="row" className="py-0.5 text-left font-normal text-muted-foreground">{m.label}</th>
                  <td className="tabular-nums">{formatMinutes(m.calendar)}</td>
                  <td className="tabular-nums">{formatMinutes(m.business)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
    </aside>
  );
}
