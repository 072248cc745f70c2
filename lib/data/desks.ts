import "server-only";
// Desks: the Zendesk accounts this installation syncs, as their admins configure them. Credentials
// arrive here already encrypted (lib/desks) and never leave: nothing returned carries them. A desk's
// sync state (cursors, last run…) is lib/sync/state.ts's to write.
import { refreshDeskViewIn } from "@/lib/db/analyst-views";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseDeskAddress, type DeskAddress } from "@/lib/validations/desk";
import { UserError } from "@/lib/data/errors";

const publicFields = {
  id: true,
  domain: true,
  baseUrl: true,
  name: true,
  email: true,
  active: true,
  waitIntervalSeconds: true,
  rateLimitPerMinute: true,
  rateLimitShare: true,
  syncSince: true,
  lastSyncStartedAt: true,
  lastSyncFinishedAt: true,
  lastSuccessAt: true,
  lastError: true,
  newestChangeAt: true,
  retryAfterUntil: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.DeskSelect;

export type Desk = Prisma.DeskGetPayload<{ select: typeof publicFields }>;

export type DeskSettings = {
  name?: string | null;
  email?: string;
  active?: boolean;
  waitIntervalSeconds?: number;
  rateLimitPerMinute?: number | null;
  rateLimitShare?: number;
};

export type NewDeskRow = Required<Omit<DeskSettings, "name">> & { name: string | null; address: DeskAddress; tokenCiphertext: string };
export type DeskRowPatch = DeskSettings & { baseUrl?: string; tokenCiphertext?: string };

/** `12` is an id, anything else a domain as typed by the user. */
function whereDesk(ref: string | number): Prisma.DeskWhereUniqueInput {
  if (typeof ref === "number" || /^\d+$/.test(ref)) return { id: Number(ref) };
  const address = parseDeskAddress(ref);
  if ("error" in address) throw new UserError(address.error);
  return { domain: address.domain };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function insertDesk(row: NewDeskRow): Promise<Desk> {
  try {
    return await db().desk.create({
      select: publicFields,
      data: {
        domain: row.address.domain,
        baseUrl: row.address.baseUrl,
        name: row.name,
        email: row.email,
        tokenCiphertext: row.tokenCiphertext,
        active: row.active,
        waitIntervalSeconds: row.waitIntervalSeconds,
        rateLimitPerMinute: row.rateLimitPerMinute,
        rateLimitShare: row.rateLimitShare,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`A desk for ${row.address.domain} already exists`, "address");
    throw error;
  }
}

export function listDesks(): Promise<Desk[]> {
  return db().desk.findMany({ select: publicFields, orderBy: { domain: "asc" } });
}

export function findDesk(ref: string | number): Promise<Desk | null> {
  return db().desk.findUnique({ select: publicFields, where: whereDesk(ref) });
}

export async function getDesk(ref: string | number): Promise<Desk> {
  const desk = await findDesk(ref);
  if (!desk) throw new UserError(`No desk ${ref}`);
  return desk;
}

export function patchDesk(id: number, patch: DeskRowPatch): Promise<Desk> {
  return db().desk.update({ select: publicFields, where: { id }, data: patch });
}

/** Deletes the desk and, by cascade, every row synced for it; its analyst view goes with it. */
export async function deleteDesk(id: number): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.desk.delete({ where: { id } });
    await refreshDeskViewIn(tx, id);
  });
}
