// The embedded server is the app's own: sized to the machine, not to PostgreSQL's 128 MB default.
import { describe, expect, it } from "vitest";
import { tunedSettings } from "@/lib/db/embedded";

const GiB = 2 ** 30;
const setting = (settings: string[], name: string) => settings.find((s) => s.startsWith(`${name}=`))?.split("=")[1];

describe("tunedSettings", () => {
  it("gives the server a quarter of memory for its cache, at most 8 GB, and assumes half cached", () => {
    expect(setting(tunedSettings(24 * GiB), "shared_buffers")).toBe("6144MB");
    expect(setting(tunedSettings(24 * GiB), "effective_cache_size")).toBe("12288MB");
    expect(setting(tunedSettings(64 * GiB), "shared_buffers")).toBe("8192MB");
    expect(setting(tunedSettings(64 * GiB), "effective_cache_size")).toBe("32768MB");
  });

  it("keeps PostgreSQL's own minimum on a small machine", () => {
    expect(setting(tunedSettings(0.25 * GiB), "shared_buffers")).toBe("128MB");
    expect(setting(tunedSettings(0.25 * GiB), "maintenance_work_mem")).toBe("64MB");
  });
});
