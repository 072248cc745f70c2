import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers (README, "Architecture"), held by import rules: each rule names the project imports a
// folder may not use, and why. Tests may reach anything (they set up databases and fakes).
const restrict = (files, patterns) => ({
  files,
  ignores: ["**/*.test.ts"],
  rules: { "no-restricted-imports": ["error", { patterns }] },
});
const only = (allowed, message) => ({ regex: `^@/(?!(${allowed.join("|")})(/|$))`, message });
const never = (refused, message, extra = {}) => ({ regex: `^@/(${refused.join("|")})(/|$)`, message, ...extra });

const database = never(["lib/db/client", "lib/generated"], "Query through lib/data (pages, CLI) or lib/sync (the pipeline).");
const syncing = never(["lib/sync", "inngest"], "Reach syncing through lib/desks, the one way to do each desk operation.");
const ui = never(["app", "components"], "The layers below the UI do not import it.");

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  // lib/data: "server-only" queries for pages and the CLI, on the database, validations and the generated client alone.
  restrict(["lib/data/**"], [only(["lib/db", "lib/validations", "lib/generated", "lib/data"], "lib/data imports only lib/db, lib/validations, lib/generated and lib/data.")]),
  // lib/sync: the pipeline knows nothing of the pages' data layer, the use cases, Inngest or the UI.
  restrict(["lib/sync/**"], [never(["lib/data", "lib/desks", "inngest", "lib/cli", "lib/server-action", "lib/perform-action"], "lib/sync imports neither lib/data, lib/desks nor inngest/."), ui]),
  // lib/zendesk: the HTTP client, on its own.
  restrict(["lib/zendesk/**"], [only(["lib/zendesk"], "lib/zendesk is the HTTP client alone.")]),
  // inngest/: thin functions over lib/sync and lib/desks.
  restrict(["inngest/**"], [only(["inngest", "lib/sync", "lib/desks"], "inngest/ imports only lib/sync and lib/desks.")]),
  // lib/desks: the use cases sit above data and sync, below the app and the CLI.
  restrict(["lib/desks/**"], [never(["lib/cli", "lib/server-action", "lib/perform-action"], "The use cases do not know who calls them."), ui]),
  // app/ and the CLI reach syncing only through lib/desks, and the database only through lib/data.
  restrict(["app/**", "lib/cli/**", "lib/server-action.ts", "lib/perform-action.ts"], [syncing, database]),
  // The Inngest endpoint serves the functions: the one route that imports inngest/.
  restrict(["app/api/inngest/**"], [database]),
  // Components render what their page hands them: lib/data's types, never its functions.
  restrict(["components/**"], [
    never(["lib/data"], "Components get data from their page; import types only.", { allowTypeImports: true }),
    never(["lib/desks", "lib/sync", "inngest", "lib/db", "lib/generated"], "Components get data from their page."),
  ]),
];

export default config;
