// Where to go after signing in: only a path on this site. Anything else (another host, `//evil`,
// backslashes, control characters such as a newline that would break the Location header) becomes "/".
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2_000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  try {
    const url = new URL(value, "http://same.invalid");
    if (url.origin !== "http://same.invalid") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
