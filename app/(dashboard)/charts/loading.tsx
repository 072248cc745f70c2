import { ChartSkeleton } from "./chart-skeleton";

export default function ChartsLoading() {
  return (
    <div aria-live="polite" className="flex flex-col gap-6">
      <div className="h-8 w-32 animate-pulse rounded bg-muted" />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartSkeleton />
        <ChartSkeleton />
      </div>
    </div>
  );
}
