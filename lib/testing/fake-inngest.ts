// A stand-in for an Inngest server's event API on 127.0.0.1: records the events the app sends, so
// tests can hold the app and the CLI to sending the same ones. Answers as Inngest's event API does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type SentEvent = { name: string; data: Record<string, unknown>; id?: string };

/** An app registration (`POST /fn/register`): the URL the app says it is served at. */
export type Registration = { url: string; authorization: string | undefined };

export class FakeInngest {
  readonly events: SentEvent[] = [];
  readonly registrations: Registration[] = [];
  url = "";
  private server?: Server;
  /** Answer every send with this status instead (e.g. 500), to test a refused event. */
  failWith: number | null = null;

  static async start(): Promise<FakeInngest> {
    const fake = new FakeInngest();
    fake.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        if (req.method === "POST" && req.url?.startsWith("/fn/register")) {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { url: string };
          fake.registrations.push({ url: body.url, authorization: req.headers.authorization });
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, modified: true }));
          return;
        }
        if (req.method !== "POST" || !req.url?.startsWith("/e/")) {
          res.writeHead(404).end();
          return;
        }
        if (fake.failWith) {
          res.writeHead(fake.failWith, { "content-type": "application/json" }).end(JSON.stringify({ error: "unavailable" }));
          return;
        }
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "[]");
        const sent = (Array.isArray(body) ? body : [body]) as SentEvent[];
        fake.events.push(...sent);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: sent.map((_, i) => `evt-${fake.events.length + i}`), status: 200 }));
      });
    });
    await new Promise<void>((resolve) => fake.server!.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The settings that point the app (or a CLI child process) at this server. */
  get env(): Record<string, string> {
    return { INNGEST_DEV: "1", INNGEST_BASE_URL: this.url, INNGEST_EVENT_KEY: "test-event-key" };
  }

  names(): string[] {
    return this.events.map((e) => e.name);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
