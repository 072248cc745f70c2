// PostgreSQL COPY over a node-postgres connection (COPY … FROM STDIN / TO STDOUT) through pg's
// Submittable interface, and the text format's encoding: the fastest way rows get into a table, used
// as the ingest's ceiling and to fill the pages database.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type pg from "pg";

/** The part of pg's Connection a COPY uses. */
type Connection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.EventEmitter & { writableNeedDrain: boolean; pause(): void; resume(): void };
};

class CopyQuery {
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: Error) => void };
  private failed = false;
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly io: { source?: AsyncIterable<Buffer | string> | Iterable<Buffer | string>; sink?: Writable },
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    void this.pump(connection);
  }

  private async pump(connection: Connection): Promise<void> {
    try {
      if (!this.io.source) throw new Error("COPY FROM STDIN without a source");
      for await (const chunk of this.io.source) {
        if (this.failed) return;
        connection.sendCopyFromChunk(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        if (connection.stream.writableNeedDrain) await once(connection.stream, "drain");
      }
      connection.endCopyFrom();
    } catch (error) {
      // The server answers with an error, which rejects `done`.
      connection.sendCopyFail(error instanceof Error ? error.message : String(error));
    }
  }

  /** Set while the socket is paused for a full sink; undone when the sink drains or the COPY ends. */
  private resume: (() => void) | null = null;

  handleCopyData(message: { chunk: Buffer }, connection: Connection): void {
    // pg's parser reuses its buffer: the chunk is copied before it is handed on. Messages already read
    // keep arriving after a pause; the sink buffers them.
    const sink = this.io.sink!;
    if (sink.write(Buffer.from(message.chunk)) || this.resume) return;
    connection.stream.pause();
    this.resume = () => {
      sink.off("drain", this.resume!);
      this.resume = null;
      connection.stream.resume();
    };
    sink.once("drain", this.resume);
  }

  handleCommandComplete(message: { text: string }): void {
    this.rows = Number(/\d+$/.exec(message.text)?.[0] ?? 0);
  }

  handleReadyForQuery(): void {
    // A sink that is ended next never drains: the connection must not stay paused for the next query.
    this.resume?.();
    if (!this.failed) this.settle.resolve(this.rows);
  }

  handleError(error: Error): void {
    this.resume?.();
    this.failed = true;
    this.settle.reject(error);
  }

  // A COPY answers with none of these; pg calls them on any simple query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
}

function run(client: pg.Client, query: CopyQuery): Promise<number> {
  client.query(query as unknown as pg.Submittable);
  return query.done;
}

/** `COPY … FROM STDIN` fed from `source`; resolves to the rows copied. */
export function copyIn(client: pg.Client, sql: string, source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<number> {
  return run(client, new CopyQuery(sql, { source }));
}

/** `COPY … TO STDOUT` into `sink` (not ended); resolves to the rows copied. */
export function copyOut(client: pg.Client, sql: string, sink: Writable): Promise<number> {
  return run(client, new CopyQuery(sql, { sink }));
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value already in PostgreSQL's text form (an array literal, serialised JSON). */
export class PgText {
  constructor(readonly text: string) {}
}

/** A PostgreSQL array literal, for a text[] column. */
export const pgArray = (items: readonly string[]) => new PgText(`{${items.map((i) => `"${i.replace(/["\\]/g, "\\$&")}"`).join(",")}}`);

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY's text format: objects as JSON (jsonb), null as \N. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  let text: string;
  if (typeof value === "string") text = value;
  else if (value instanceof PgText) text = value.text;
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

export const copyLine = (values: readonly unknown[]) => `${values.map(copyValue).join("\t")}\n`;
