import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // lib/data starts with `import "server-only"`; tests run in Node, as the server does.
    alias: { "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)) },
  },
  test: {
    include: ["lib/**/*.test.ts", "inngest/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    // Several tests start the CLI as a child process, a few seconds each on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
