import { formatAgo, formatUtc } from "@/components/sync/format";

/** "3 min ago", with the exact UTC time on hover and for assistive technology. */
export function TimeAgo({ date, now }: { date: Date | null; now: Date }) {
  if (!date) return <span className="text-muted-foreground">never</span>;
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)}>
      {formatAgo(date, now)}
    </time>
  );
}
