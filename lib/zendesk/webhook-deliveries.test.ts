import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changedTicketOf, verifiedSignature } from "@/lib/zendesk/webhook-deliveries";

const secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
const timestamp = "2021-03-25T05:09:27Z";
const body = Buffer.from(JSON.stringify({ subject: "zen:ticket:5158" }));
const signature = createHmac("sha256", secret).update(timestamp + body.toString()).digest("base64");

describe("verifiedSignature", () => {
  it("accepts base64 HMAC-SHA256 of timestamp + raw body, and nothing else", () => {
    expect(verifiedSignature(secret, timestamp, body, signature)).toBe(signature);
    expect(verifiedSignature(`${secret}x`, timestamp, body, signature)).toBeNull();
    expect(verifiedSignature(secret, "2021-03-25T05:09:28Z", body, signature)).toBeNull();
    expect(verifiedSignature(secret, timestamp, Buffer.concat([body, Buffer.from(" ")]), signature)).toBeNull();
    expect(verifiedSignature(secret, timestamp, body, createHmac("sha256", secret).update(timestamp + body.toString()).digest("hex"))).toBeNull();
    expect(verifiedSignature(secret, timestamp, body, "")).toBeNull();
  });

  it("returns the signature as computed, so another spelling of the same bytes is the same receipt", () => {
    expect(verifiedSignature(secret, timestamp, body, `${signature}\n`)).toBe(signature);
  });
});

describe("changedTicketOf", () => {
  it("reads the ticket of a ticket event from its subject or detail, with ids as strings", () => {
    expect(changedTicketOf({ type: "zen:event-type:ticket.status_changed", subject: "zen:ticket:5158", detail: { id: "5158" } })).toEqual({
      ticketId: 5158,
      needsComments: false,
      type: "zen:event-type:ticket.status_changed",
    });
    expect(changedTicketOf({ type: "zen:event-type:ticket.comment_added", detail: { id: "12" } })).toMatchObject({ ticketId: 12, needsComments: true });
    expect(changedTicketOf({ type: "zen:event-type:ticket.created", subject: "zen:ticket:7" })).toMatchObject({ needsComments: true });
  });

  it("reads a trigger's own payload, comments included since it says nothing of what changed", () => {
    expect(changedTicketOf({ ticket_id: "99" })).toEqual({ ticketId: 99, needsComments: true, type: null });
  });

  it("finds nothing in a test request, a user event or junk", () => {
    expect(changedTicketOf({ type: "zen:event-type:webhook.test", account_id: 1 })).toBeNull();
    expect(changedTicketOf({ type: "zen:event-type:user.name_changed", subject: "zen:user:5", detail: { id: "5" } })).toBeNull();
    expect(changedTicketOf({ type: "zen:event-type:ticket.status_changed", detail: { id: "0" } })).toBeNull();
    expect(changedTicketOf([1, 2])).toBeNull();
    expect(changedTicketOf("zen:ticket:1")).toBeNull();
  });
});
