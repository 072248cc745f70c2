import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

const KEY = "a-test-key-that-is-long-enough-for-hkdf-0001";

describe("token encryption", () => {
  it("round-trips and never stores the token in readable form", () => {
    const token = "zd-api-token-ABCdef123456";
    const stored = encryptSecret(token, KEY);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain(token);
    expect(Buffer.from(stored.split(".")[3]!, "base64url").toString("utf8")).not.toContain(token);
    expect(decryptSecret(stored, KEY)).toBe(token);
  });

  it("uses a fresh IV each time, so equal tokens do not look equal", () => {
    expect(encryptSecret("same", KEY)).not.toBe(encryptSecret("same", KEY));
  });

  it("refuses another key and tampered ciphertext with a clear message", () => {
    const stored = encryptSecret("secret-token", KEY);
    expect(() => decryptSecret(stored, `${KEY}-other`)).toThrow(/TOKEN_ENCRYPTION_KEY differs/);
    const [v, iv, tag, ct] = stored.split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."), KEY)).toThrow();
    expect(() => decryptSecret("plain-token", KEY)).toThrow(/Unrecognised/);
  });
});
