export function ChartSkeleton() {
  return (
    <div aria-busy="true" className="h-80 animate-pulse rounded-lg bg-muted">
      <span className="sr-only">Loading chart…</span>
    </div>
  );
}
