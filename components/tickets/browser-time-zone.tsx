"use client";
// Tells the server the browser's time zone (a cookie), so times are formatted there before the page
// arrives. The first visit without the cookie renders in UTC and refreshes once; later visits are right
// from the start.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { BROWSER_ZONE_COOKIE } from "@/lib/validations/time-zone";

export function BrowserTimeZone({ known }: { known: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === known) return;
    document.cookie = `${BROWSER_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [known, router]);
  return null;
}
