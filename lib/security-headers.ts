// The headers every response carries. Static ones (next.config.ts, so static files get them too) and
// the Content-Security-Policy, built per request in proxy.ts with a fresh nonce that Next.js puts on
// its own scripts: no inline script without it runs, nothing loads from another origin (remote images
// in ticket comments included), and no other site can frame the app.

/** Paths signed by their senders, not by users' sessions, with limits of their own (not the per-address POST budget). */
const SIGNED_ENDPOINTS = ["/api/inngest", "/api/webhooks/"] as const;

export function isSignedEndpoint(pathname: string): boolean {
  return SIGNED_ENDPOINTS.some((prefix) => (prefix.endsWith("/") ? pathname.startsWith(prefix) : pathname === prefix || pathname.startsWith(`${prefix}/`)));
}

export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export const HSTS = "max-age=31536000; includeSubDomains";

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced Next.js scripts load are trusted; nothing else is.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React and Recharts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
