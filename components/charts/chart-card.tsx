// The frame every chart sits in: a title, what is counted (one definition, on screen), the chart or an
// empty state, and the same figures as links, so each bar or slice is reachable by keyboard and
// screen reader too, including "Unassigned" and "none".
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export type ChartLink = { label: string; value: string; href: string | null; color?: string };

export function ChartCard({
  title,
  description,
  note,
  empty,
  links,
  children,
}: {
  title: string;
  /** What the chart counts, e.g. "Tickets created in the period, by their status now". */
  description?: string;
  /** E.g. "Top 12 of 20 assignees", with a way to the rest. */
  note?: React.ReactNode;
  empty: boolean;
  links?: ChartLink[];
  children: React.ReactNode;
}) {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "");
  return (
    <Card data-testid={`chart-${slug}`} className="flex min-w-0 flex-col">
      <CardHeader>
        <CardTitle id={`chart-${slug}-title`} className="text-base text-foreground">
          {title}
        </CardTitle>
        {description && <p className="text-xs text-muted-foreground">{description}</p>}
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-3">
        {empty ? (
          <p className="flex h-40 items-center justify-center rounded-md border border-dashed border-border text-sm text-muted-foreground">
            No tickets in this period.
          </p>
        ) : (
          <>
            <figure aria-labelledby={`chart-${slug}-title`} className="h-60 w-full">
              {children}
            </figure>
            {note && <p className="text-xs text-muted-foreground" data-testid="chart-note">{note}</p>}
            {links && links.length > 0 && (
              <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={`${title}: open as ticket list`}>
                {links.map((link) => {
                  const content = (
                    <>
                      {link.color && <span aria-hidden className="mr-1 inline-block size-2 rounded-full" style={{ background: link.color }} />}
                      {link.label} <span className="tabular-nums">{link.value}</span>
                    </>
                  );
                  return (
                    <li key={link.label}>
                      {link.href ? (
                        <Link href={link.href} className="text-muted-foreground hover:text-foreground hover:underline">
                          {content}
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">{content}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
