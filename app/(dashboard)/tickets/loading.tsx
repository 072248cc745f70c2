export default function TicketsLoading() {
  return (
    <div aria-busy="true" aria-live="polite" className="flex flex-col gap-4">
      <div className="h-8 w-40 animate-pulse rounded bg-muted" />
      <div className="h-9 animate-pulse rounded bg-muted" />
      <div className="h-96 animate-pulse rounded bg-muted" />
      <span className="sr-only">Loading tickets…</span>
    </div>
  );
}
