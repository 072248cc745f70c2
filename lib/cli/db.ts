import { Command } from "commander";
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
  return dbCmd;
}
