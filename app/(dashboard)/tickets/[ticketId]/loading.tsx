export default function TicketLoading() {
  return (
    <div aria-busy="true" aria-live="polite" className="flex flex-col gap-4">
      <div className="h-8 w-2/3 animate-pulse rounded bg-muted" />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="h-96 animate-pulse rounded bg-muted" />
        <div className="h-96 animate-pulse rounded bg-muted" />
      </div>
      <span className="sr-only">Loading ticket…</span>
    </div>
  );
}
