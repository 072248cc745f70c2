// How much of its rate budget a desk spends: requests per minute over the last window against its
// share of the account's plan limit.
import type { RateBudget } from "@/lib/data/sync-runs";
import { cn } from "@/lib/utils";

export function RateGauge({ budget, label }: { budget: RateBudget; label: string }) {
  const { budgetPerMinute, recentPerMinute, sharePercent, planLimitPerMinute, windowMinutes } = budget;
  const ratio = budgetPerMinute ? Math.min(1, recentPerMinute / budgetPerMinute) : 0;
  const tone = ratio >= 0.9 ? "bg-destructive" : ratio >= 0.7 ? "bg-warning" : "bg-success";
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Rate budget</span>
        <span className="tabular-nums text-muted-foreground">
          {recentPerMinute} {budgetPerMinute === null ? "req/min" : `of ${budgetPerMinute} req/min`}
        </span>
      </div>
      {budgetPerMinute === null ? (
        <p className="text-xs text-muted-foreground">
          Plan limit not set: the sync spends {sharePercent}% of the limit Zendesk reports. Set it on the desk to see the gauge.
        </p>
      ) : (
        <>
          <div
            role="meter"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={budgetPerMinute}
            aria-valuenow={recentPerMinute}
            aria-valuetext={`${recentPerMinute} of ${budgetPerMinute} requests per minute`}
            className="h-2 w-full overflow-hidden rounded-full bg-muted"
          >
            <div className={cn("h-full rounded-full", tone)} style={{ width: `${Math.round(ratio * 100)}%` }} />
          </div>
          <p className="text-xs text-muted-foreground">
            Average over the last {windowMinutes} min; budget = {sharePercent}% of the plan&apos;s {planLimitPerMinute} req/min.
          </p>
        </>
      )}
    </div>
  );
}
