// The app's webhook route outside Next.js, for tests and the benchmark: an HTTP server on 127.0.0.1
// that hands each request to the same receiveZendeskWebhook the route calls, and runs the work it
// defers after answering, as the route's after() does (or keeps it for the test to run).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { receiveZendeskWebhook, type Deferred } from "@/lib/desks";

export type WebhookApp = {
  url: string;
  /** Answers in the order they were given: status and how long receiving took. */
  answers: { status: number; ms: number }[];
  /** Work deferred and not run yet (when started with `runDeferred: false`). */
  deferred: Deferred[];
  /** Summary lines and errors of deferred work that ran. */
  ran: string[];
  /** Resolves when the deferred work started so far has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

export async function startWebhookApp(options: { runDeferred?: boolean } = {}): Promise<WebhookApp> {
  const running = new Set<Promise<void>>();
  const app: WebhookApp = {
    url: "",
    answers: [],
    deferred: [],
    ran: [],
    settled: async () => {
      while (running.size) await Promise.all([...running]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    void (async () => {
      const started = performance.now();
      const later: Deferred[] = [];
      const match = /^\/api\/webhooks\/zendesk\/([^/?]+)/.exec(req.url ?? "");
      const answer = match
        ? await receiveZendeskWebhook(match[1]!, toRequest(req, app.url), { actor: { kind: "system" }, defer: (work) => later.push(work) })
        : { status: 404, body: { error: "not found" } };
      app.answers.push({ status: answer.status, ms: performance.now() - started });
      // A body refused half-read leaves the connection unusable for the next request.
      res.writeHead(answer.status, { "content-type": "application/json", ...(answer.status === 413 ? { connection: "close" } : {}) }).end(JSON.stringify(answer.body));
      if (options.runDeferred === false) {
        app.deferred.push(...later);
        return;
      }
      for (const work of later) {
        const done = work().then(
          (line) => void app.ran.push(line),
          (error: unknown) => void app.ran.push(`error: ${error instanceof Error ? error.message : String(error)}`),
        );
        running.add(done);
        void done.finally(() => running.delete(done));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return app;
}

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}
