// Who is asking, for per-address limits. Next.js fills X-Forwarded-For only when the client did not
// send one, so the header alone is the client's word. instrumentation.ts therefore stamps every
// request with the socket's peer address (PEER_HEADER, overwriting whatever came in); behind
// TRUST_PROXY proxies the client is the entry that many places from the right of X-Forwarded-For
// (each proxy appends the address it saw).
export const PEER_HEADER = "x-zdc-peer-address";

export function clientAddress(headers: Headers, trustProxy: number): string {
  if (trustProxy > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const entry = hops[hops.length - trustProxy];
    if (entry) return normalise(entry);
  }
  return normalise(headers.get(PEER_HEADER) ?? "unknown");
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client; an IPv6 client counts per /64, as ISPs hand them out. */
function normalise(address: string): string {
  const plain = address.replace(/^::ffff:/i, "").slice(0, 64).toLowerCase();
  const groups = plain.split(":");
  if (groups.length < 5 || plain.includes("::")) return plain;
  return `${groups.slice(0, 4).join(":")}::/64`;
}
