"use client";

// "3 s ago" that keeps counting while the page is open, so a list read a minute ago does not claim
// to be seconds fresh. The server renders the first value; the browser takes over.
import { useEffect, useState } from "react";
import { formatDuration, formatUtc } from "@/components/sync/format";

function agoText(at: Date, now: number): string {
  const seconds = Math.max(0, (now - at.getTime()) / 1000);
  return seconds < 1 ? "just now" : `${formatDuration(seconds)} ago`;
}

export function LiveAgo({ at, serverNow }: { at: string; serverNow: number }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(at);
  return (
    <time dateTime={at} title={formatUtc(date)} suppressHydrationWarning>
      {agoText(date, now)}
    </time>
  );
}
