import { describe, expect, it } from "vitest";
import { inngestConfigured, InvalidEnvironmentError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("refuses Inngest dev mode under NODE_ENV=production unless forced", () => {
    expect(() => parseEnv({ NODE_ENV: "production", INNGEST_DEV: "1" })).toThrow(InvalidEnvironmentError);
    expect(() => parseEnv({ NODE_ENV: "production", INNGEST_DEV: "http://localhost:8288" })).toThrow(/INNGEST_DEV_IN_PRODUCTION/);
    expect(parseEnv({ NODE_ENV: "production", INNGEST_DEV: "1", INNGEST_DEV_IN_PRODUCTION: "1" }).INNGEST_DEV_IN_PRODUCTION).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", INNGEST_DEV: "1" }).INNGEST_DEV).toBe("1");
  });

  it("reads INNGEST_DEV=0 as off, as the Inngest SDK does", () => {
    expect(inngestConfigured(parseEnv({ NODE_ENV: "production", INNGEST_DEV: "0" }))).toBe(false);
    expect(inngestConfigured(parseEnv({ NODE_ENV: "development", INNGEST_DEV: "1" }))).toBe(true);
  });
});
