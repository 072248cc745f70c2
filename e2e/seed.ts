// The data every e2e spec starts from. Plain calls into lib/data, like the CLI makes.
import { createUser } from "@/lib/data/users";
import { ADMIN, VIEWER } from "./fixtures";

export async function seed(): Promise<void> {
  await createUser({ ...ADMIN, role: "admin" });
  await createUser({ ...VIEWER, role: "viewer" });
}
