import { Command } from "commander";
import { createUser, listUsers, removeUser, resetPassword, setUserRole } from "@/lib/data/users";
import { passwordSchema, roleSchema, userCreateSchema } from "@/lib/validations/user";
import { action, CliError, parseOrFail, printTable } from "@/lib/cli/run";

/** From --password, or else stdin (a pipe, or typed without echo at a terminal). Also `desk` secrets. */
export async function readPassword(given: string | undefined, prompt = "Password: "): Promise<string> {
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  }
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = "";
    const onData = (data: Buffer) => {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          finish();
          return resolve(typed);
        }
        if (char === "\u0003") {
          finish();
          return reject(new CliError("cancelled"));
        }
        typed = char === "\u007f" ? typed.slice(0, -1) : typed + char;
      }
    };
    const finish = () => {
      process.stdin.off("data", onData);
      process.stdin.setRawMode(false);
      process.stdin.pause();
      process.stderr.write("\n");
    };
    process.stdin.on("data", onData);
  });
}

export function userCommand(): Command {
  const user = new Command("user").description("manage the people who can sign in");

  user
    .command("add")
    .description("add a user; the password comes from --password or stdin")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <role>", "admin (manages desks and users) or viewer (reads)")
    .option("--name <name>", "display name")
    .option("--password <password>", "password (at least 10 characters); omit to read it from stdin")
    .action(async (opts) => {
      parseOrFail(() => userCreateSchema.omit({ password: true }).parse(opts));
      const password = await readPassword(opts.password);
      const input = parseOrFail(() => userCreateSchema.parse({ ...opts, password }));
      await action(async () => {
        const created = await createUser(input);
        console.log(`Added ${created.role} ${created.email}`);
      })();
    });

  user
    .command("list")
    .description("list users")
    .action(() =>
      action(async () => {
        const users = await listUsers();
        if (users.length === 0) console.log("No users yet: add one with `user add`");
        printTable(users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, last_login: u.lastLoginAt })));
      })(),
    );

  user
    .command("remove")
    .description("remove a user")
    .argument("<user>", "user id or email")
    .action((ref: string) =>
      action(async () => {
        const removed = await removeUser(ref);
        console.log(`Removed ${removed.email}`);
      })(),
    );

  user
    .command("role")
    .description("change a user's role")
    .argument("<user>", "user id or email")
    .argument("<role>", "admin or viewer")
    .action((ref: string, role: string) => {
      const parsed = parseOrFail(() => roleSchema.parse(role));
      return action(async () => {
        const updated = await setUserRole(ref, parsed);
        console.log(`${updated.email} is now ${updated.role}`);
      })();
    });

  user
    .command("password")
    .description("set a new password (and end the user's sessions); from --password or stdin")
    .argument("<user>", "user id or email")
    .option("--password <password>", "the new password")
    .action(async (ref: string, opts) => {
      const raw = await readPassword(opts.password);
      const password = parseOrFail(() => passwordSchema.parse(raw));
      await action(async () => {
        const updated = await resetPassword(ref, password);
        console.log(`Password changed for ${updated.email}`);
      })();
    });

  return user;
}
