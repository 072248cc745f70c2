import { Command } from "commander";
import { ensureReaderRole } from "@/lib/db/reader-role";
import { action } from "@/lib/cli/run";

export function dbCommand(): Command {
  const dbCmd = new Command("db").description("database maintenance");
  dbCmd
    .command("migrate")
    .description("apply pending migrations (every command and the app also do this on start)")
    .action(() =>
      action(async (runtime) => {
        console.log(`Database is up to date${runtime.embedded ? " (embedded, in .data/pg)" : ""}`);
      })(),
    );
  dbCmd
    .command("url")
    .description("print the connection URL, e.g. for psql while the embedded database runs")
    .action(() =>
      action(async (runtime) => {
        console.log(runtime.databaseUrl);
      })(),
    );
  dbCmd
    .command("reader")
    .description("create a read-only role for analysts and BI tools (or rotate its password) and print its URL")
    .requiredOption("--name <name>", "role name, e.g. bi")
    .action((opts: { name: string }) =>
      action(async (runtime) => {
        const reader = await ensureReaderRole(runtime.databaseUrl, opts.name);
        console.error(
          `${reader.created ? "Created" : "Rotated the password of"} the read-only role ${reader.name}: the synced zendesk_* tables and ${reader.views.length} views (${reader.views.join(", ")}); no desks, users or runs. The password is shown once:`,
        );
        console.log(reader.url);
      })(),
    );
  return dbCmd;
}
