// The "By group" table card of the SLA and satisfaction pages: a title, what the rows mean, and a
// table (or the empty state) whose columns each page gives.
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type ByGroupColumn = { label: string; numeric?: boolean };

export function ByGroupCard({
  description,
  tableLabel,
  columns,
  empty,
  children,
}: {
  /** Which rows come first and what a link opens. */
  description: string;
  /** The table's accessible name, e.g. "SLA by group". */
  tableLabel: string;
  columns: ByGroupColumn[];
  empty: boolean;
  /** The table rows. */
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base text-foreground">By group</CardTitle>
        <p className="text-xs text-muted-foreground">{description}</p>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {empty ? (
          <p className="text-sm text-muted-foreground">No tickets in this period.</p>
        ) : (
          <Table aria-label={tableLabel}>
            <TableHeader>
              <TableRow>
                {columns.map((c) => (
                  <TableHead key={c.label} className={c.numeric ? "text-right" : undefined}>
                    {c.label}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>{children}</TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
