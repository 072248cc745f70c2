// The period a dashboard shows, in words, with whatever was adjusted (clipped to today, to the first
// ticket) or refused (From after To, a future start) said plainly.
import { Alert } from "@/components/ui/alert";
import { describeRange, type PeriodResult } from "@/lib/validations/period";

const GRAIN = { day: "per day", week: "per week", month: "per month", year: "per year" } as const;

export function PeriodSummary({ result }: { result: PeriodResult }) {
  if (!result.ok) return <Alert data-testid="period-error">{result.error}</Alert>;
  const { period } = result;
  return (
    <div className="text-sm text-muted-foreground" data-testid="period-summary">
      <p>
        <span className="font-medium text-foreground">{describeRange(period)}</span> ({period.days.toLocaleString("en-US")} {period.days === 1 ? "day" : "days"}, UTC,
        series {GRAIN[period.grain]}){period.previous && <> · compared with {describeRange(period.previous)}</>}
      </p>
      {period.notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </div>
  );
}
