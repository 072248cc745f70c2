// The ticket's side panel (custom fields by their Zendesk title, SLA metrics) and every stored column.
import { formatMinutes } from "@/components/tickets/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { TicketDetail } from "@/lib/data/tickets";

function Rows({ rows, label }: { rows: { key: string; name: string; value: React.ReactNode }[]; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-1.5 text-sm">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="break-words text-muted-foreground">{row.name}</dt>
          <dd className="break-words">{row.value ?? <span className="text-muted-foreground">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Every stored column, full width under the thread: long names and values need the room. */
export function TicketColumns({ ticket }: { ticket: TicketDetail }) {
  return (
    <details className="rounded-lg border border-border bg-card p-5">
      <summary className="cursor-pointer text-sm font-medium text-muted-foreground">All columns ({ticket.columns.length})</summary>
      <dl aria-label="All columns" className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 xl:grid-cols-3">
        {ticket.columns.map((c) => (
          <div key={c.name} className="min-w-0">
            <dt className="font-mono text-xs text-muted-foreground">{c.name}</dt>
            <dd className="break-words">{c.value ?? <span className="text-muted-foreground">—</span>}</dd>
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
          <table className="w-full text-sm">
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
