import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const prismaOutsideData = {
  paths: [{ name: "@/lib/db/client", message: "Query through lib/data/* or lib/sync/*." }],
  patterns: [{ group: ["@/lib/generated/prisma/client"], message: "Query through lib/data/* or lib/sync/*." }],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["app/**", "components/**", "inngest/**"],
    rules: { "no-restricted-imports": ["error", prismaOutsideData] },
  },
];

export default config;
