// Short human renderings of durations and times for the desks and sync pages.

/** 42 s, 3 min, 2 h 5 min, 3 d 4 h. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export function formatAgo(date: Date | null, now: Date): string {
  if (!date) return "never";
  const seconds = (now.getTime() - date.getTime()) / 1000;
  return seconds < 5 ? "just now" : `${formatDuration(seconds)} ago`;
}

/** Absolute UTC time for tooltips and <time dateTime>. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** 14:05:09 UTC: when a wait ends, to the second. */
export function formatClock(date: Date): string {
  return `${date.toISOString().slice(11, 19)} UTC`;
}
