import { afterEach, describe, expect, it } from "vitest";
import { captureLog, logger, REDACTED } from "@/lib/log";

class RefusedError extends Error {}

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function capture(options?: Parameters<typeof captureLog>[0]) {
  const captured = captureLog(options);
  restore = captured.restore;
  return captured.lines;
}

describe("logger", () => {
  it("writes one JSON object per line with the bound ids", () => {
    const lines = capture({ json: true, level: "info" });
    logger({ deskId: 3 }).child({ runId: 7n }).info("sync finished", { tickets: 120 });
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ level: "info", msg: "sync finished", deskId: 3, runId: "7", tickets: 120 });
    expect(new Date(record.time).getTime()).toBeGreaterThan(0);
  });

  it("redacts secrets by key at any depth", () => {
    const lines = capture();
    logger().warn("desk saved", { desk: { email: "a@b.c", token: "abc123", nested: [{ Authorization: "Basic xyz" }] }, password: "hunter2", client_secret: "s" });
    const text = lines[0]!;
    expect(text).not.toMatch(/abc123|Basic xyz|hunter2|"s"/);
    expect(JSON.parse(text)).toMatchObject({ desk: { email: "a@b.c", token: REDACTED, nested: [{ Authorization: REDACTED }] }, password: REDACTED, client_secret: REDACTED });
  });

  it("drops lines below the level and keeps a refusal's stack out unless debugging", () => {
    const lines = capture({ level: "info" });
    logger().debug("noise");
    logger().error("refused", { err: new RefusedError("no") });
    logger().error("bug", { err: new TypeError("x is undefined") });
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!).err).toEqual({ type: "RefusedError", message: "no" });
    expect(JSON.parse(lines[1]!).err.stack).toContain("TypeError: x is undefined");
  });

  it("writes a short readable line outside production", () => {
    const lines = capture({ json: false, level: "info" });
    logger({ deskId: 1 }).info("hello", { token: "t0ken" });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d info  hello deskId=1 token=\[redacted\]$/);
  });
});
