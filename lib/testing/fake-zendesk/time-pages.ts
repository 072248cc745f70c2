// Where a page of a time-based export (ticket events, organizations) ends. Its next page is asked for
// with start_time = end_time, the last item's second, so a page holds whole seconds: every item of its
// last second is on it, even past per_page (a macro stamps thousands of tickets with one second), and
// the next page repeats that second, the duplicates Zendesk documents. A page never ends on start_time's
// own second unless the stream does, or asking with its end_time would return the same page forever.

/** The end (exclusive) of the page starting at `from` in `items` (ordered by second). */
export function wholeSecondsEnd<T>(items: readonly T[], from: number, perPage: number, start: number, secondOf: (item: T) => number): number {
  let end = Math.min(items.length, from + perPage);
  if (end <= from) return end;
  const extend = () => {
    while (end < items.length && secondOf(items[end]!) === secondOf(items[end - 1]!)) end++;
  };
  extend();
  if (end < items.length && secondOf(items[end - 1]!) === start) {
    end++;
    extend();
  }
  return end;
}
