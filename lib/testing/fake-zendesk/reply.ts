// What the fake's endpoint modules answer with, and the request-body reader they share.
import type { IncomingMessage } from "node:http";
import type { Json } from "@/lib/testing/fake-zendesk/factory";

/** A string body is sent as HTML; anything else as JSON. A 204 sends no body at all. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** A request as the endpoint modules see it: path without `.json`, parsed query and body. */
export type FakeRequest = { method: string; path: string; query: URLSearchParams; body: RequestBody };

export type RequestBody = { text: string; json?: Json; form?: Record<string, string> };

/** Zendesk's usual 404 for a record that doesn't exist (or was deleted). */
export const recordNotFound = (): Reply => ({ status: 404, body: { error: "RecordNotFound", description: "Not found" } });

export const invalidEndpoint = (): Reply => ({ status: 404, body: { error: "InvalidEndpoint", description: "Not found" } });

export const noContent = (): Reply => ({ status: 204, body: "" });

/** Reads the whole body once; JSON and form-encoded bodies are both parsed, whatever the content-type says. */
export async function readBody(req: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return { text };
  const type = String(req.headers["content-type"] ?? "");
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return { text, json: parsed as Json };
  } catch {
    // not JSON: maybe a form
  }
  if (type.includes("application/x-www-form-urlencoded") || /^[\w%.\-~]+=/.test(text)) {
    return { text, form: Object.fromEntries(new URLSearchParams(text)) };
  }
  return { text };
}

/** The body's fields as strings, from JSON or a form (OAuth endpoints accept both). */
export function bodyFields(body: RequestBody): Record<string, string> {
  if (body.form) return body.form;
  if (!body.json) return {};
  return Object.fromEntries(
    Object.entries(body.json)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}
