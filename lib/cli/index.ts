#!/usr/bin/env -S npx tsx
// The command line: `npm run cli -- <command>`. Every command prepares the same runtime the app uses.
import { Command } from "commander";
import { dbCommand } from "@/lib/cli/db";
import { deskCommand } from "@/lib/cli/desk";
import { keysCommand } from "@/lib/cli/keys";
import { startCommand } from "@/lib/cli/start";
import { syncCommand } from "@/lib/cli/sync";
import { userCommand } from "@/lib/cli/user";

const program = new Command("zendesk-data-collector")
  .description("Keeps a live copy of Zendesk Support accounts in PostgreSQL")
  .configureOutput({ outputError: (text, write) => write(text.split("\n")[0] + "\n") });

program.addCommand(dbCommand());
program.addCommand(deskCommand());
program.addCommand(userCommand());
program.addCommand(keysCommand());
program.addCommand(startCommand());
program.addCommand(syncCommand());

await program.parseAsync(process.argv);
// Exit now: the embedded server's exit hook would otherwise end the process with status 0.
process.exit(process.exitCode ?? 0);
