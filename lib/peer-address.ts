// Stamps every HTTP request this process serves with the address of the socket it came from, under
// PEER_HEADER, overwriting any value the client sent. Next.js hands route handlers and server actions
// only headers, and fills X-Forwarded-For from the socket only when the client sent none, so without
// this a client could pick its own address and walk around every per-address limit.
import http from "node:http";
import https from "node:https";
import { PEER_HEADER } from "@/lib/client-address";

const STAMPED = Symbol.for("zdc.peer-address-stamped");

export function stampPeerAddresses(): void {
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as Record<symbol | string, unknown>[]) {
    if (proto[STAMPED]) continue;
    const emit = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "unknown";
      }
      return emit.call(this, event, ...args);
    };
    proto[STAMPED] = true;
  }
}
