// `keys rotate`: after setting TOKEN_ENCRYPTION_KEY to a new key and TOKEN_ENCRYPTION_KEY_PREVIOUS to
// the old one (the app keeps working meanwhile: it reads with either), re-encrypts every stored secret
// under the new key; then TOKEN_ENCRYPTION_KEY_PREVIOUS can go.
import { Command } from "commander";
import { rotateEncryptionKeys } from "@/lib/db/rotate-keys";
import { action, CliError } from "@/lib/cli/run";

export function keysCommand(): Command {
  const keys = new Command("keys").description("encryption keys of the stored secrets");
  keys
    .command("rotate")
    .description("re-encrypt every stored secret under TOKEN_ENCRYPTION_KEY, reading old values with TOKEN_ENCRYPTION_KEY_PREVIOUS")
    .action(() =>
      action(async (runtime) => {
        if (!runtime.env.TOKEN_ENCRYPTION_KEY_PREVIOUS) {
          throw new CliError("Set TOKEN_ENCRYPTION_KEY to the new key and TOKEN_ENCRYPTION_KEY_PREVIOUS to the old one, then run this again");
        }
        const results = await rotateEncryptionKeys();
        for (const r of results) {
          console.log(`${r.table}.${r.column}: ${r.reencrypted} re-encrypted, ${r.current} already under the new key, ${r.unreadable} readable with neither key`);
        }
        const unreadable = results.reduce((n, r) => n + r.unreadable, 0);
        if (unreadable > 0) throw new CliError(`${unreadable} secret(s) open with neither key and were left as they are; re-enter them (e.g. desk update --token)`);
        console.log("Done: TOKEN_ENCRYPTION_KEY_PREVIOUS can now be removed.");
      })(),
    );
  return keys;
}
