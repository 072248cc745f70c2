// The frame every chart sits in: a titled card, the chart or an empty state, and the same figures as
// links, so each bar or slice is reachable by keyboard and screen reader too.
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export type ChartLink = { label: string; value: string; href: string | null };

export function ChartCard({
  title,
  empty,
  links,
  children,
}: {
  title: string;
  empty: boolean;
  links?: ChartLink[];
  children: React.ReactNode;
}) {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <Card data-testid={`chart-${slug}`} className="flex min-w-0 flex-col">
      <CardHeader>
        <CardTitle id={`chart-${slug}-title`}>{title}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-3">
        {empty ? (
          <p className="flex h-40 items-center justify-center rounded-md border border-dashed border-border text-sm text-muted-foreground">
            No tickets for these filters.
          </p>
        ) : (
          <>
            <figure aria-labelledby={`chart-${slug}-title`} className="h-60 w-full">
              {children}
            </figure>
            {links && links.length > 0 && (
              <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={`${title}: open as ticket list`}>
                {links.map((link) => (
                  <li key={link.label}>
                    {link.href ? (
                      <Link href={link.href} className="text-muted-foreground hover:text-foreground hover:underline">
                        {link.label} <span className="tabular-nums">{link.value}</span>
                      </Link>
                    ) : (
                      <span className="text-muted-foreground">
                        {link.label} <span className="tabular-nums">{link.value}</span>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
