"use client";

// Re-renders the page's server data every few seconds while the tab is visible, so lag, runs and
// the rate gauge stay live without a manual reload.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AutoRefresh({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return (
    <p className="text-xs text-muted-foreground" aria-live="off">
      Updates every {seconds} s.
    </p>
  );
}
