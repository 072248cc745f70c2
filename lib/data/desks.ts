import "server-only";
// Desks: the Zendesk accounts this installation syncs, as their admins configure them. Credentials
// arrive here already encrypted (lib/desks) and never leave: nothing returned carries them. A desk's
// sync state (cursors, last run, needs reconnecting) is lib/sync/state.ts's to write, and the OAuth
// tokens Zendesk issues are lib/sync/desk-tokens.ts's.
import { refreshDeskViewIn } from "@/lib/db/analyst-views";
import { allowLongStatements, db, LONG_STATEMENT_MS } from "@/lib/db/client";
import { Prisma, type DeskAuthMethod } from "@/lib/generated/prisma/client";
import { isInt4Id } from "@/lib/validations/pg-safe";
import { parseDeskAddress, type DeskAddress } from "@/lib/validations/desk";
import { UserError } from "@/lib/data/errors";

const publicFields = {
  id: true,
  domain: true,
  baseUrl: true,
  name: true,
  authMethod: true,
  email: true,
  oauthClientId: true,
  oauthScope: true,
  oauthTokenIssuedAt: true,
  oauthAccessTokenExpiresAt: true,
  oauthRefreshTokenExpiresAt: true,
  reconnectReason: true,
  reconnectNeededSince: true,
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
  active?: boolean;
  waitIntervalSeconds?: number;
  rateLimitPerMinute?: number | null;
  rateLimitShare?: number;
};

/** How the desk signs in, secrets encrypted: the columns of one method, the others null. */
export type DeskSignIn = {
  authMethod: DeskAuthMethod;
  email: string | null;
  tokenCiphertext: string | null;
  oauthClientId: string | null;
  oauthClientSecretCiphertext: string | null;
};

export type NewDeskRow = Required<Omit<DeskSettings, "name">> & { name: string | null; address: DeskAddress; signIn: DeskSignIn };
/** New sign-in credentials drop the tokens issued for the old ones. */
export type DeskRowPatch = DeskSettings & { baseUrl?: string; signIn?: DeskSignIn };

const NO_TOKENS = {
  oauthAccessTokenCiphertext: null,
  oauthAccessTokenExpiresAt: null,
  oauthTokenIssuedAt: null,
  oauthRefreshTokenCiphertext: null,
  oauthRefreshTokenExpiresAt: null,
  oauthScope: null,
} satisfies Prisma.DeskUpdateInput;

/** `12` is an id, anything else a domain as typed by the user. */
function whereDesk(ref: string | number): Prisma.DeskWhereUniqueInput {
  // Ids are int4 from 1: a larger number names no desk (0 matches none) and must not reach the database.
  if (typeof ref === "number" || /^\d+$/.test(ref)) return { id: isInt4Id(ref) ? Number(ref) : 0 };
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
        ...row.signIn,
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
  const { signIn, ...settings } = patch;
  return db().desk.update({ select: publicFields, where: { id }, data: { ...settings, ...(signIn ? { ...signIn, ...NO_TOKENS } : {}) } });
}

/** The stored secrets, still encrypted: carried over when new credentials keep one of them. */
export async function deskSecrets(id: number): Promise<{ tokenCiphertext: string | null; oauthClientSecretCiphertext: string | null }> {
  return db().desk.findUniqueOrThrow({ where: { id }, select: { tokenCiphertext: true, oauthClientSecretCiphertext: true } });
}

/** Deletes the desk and, by cascade, every row synced for it; its analyst view goes with it. */
export async function deleteDesk(id: number): Promise<void> {
  // The cascade removes every synced row of the desk: far past a page's statement limit on a big account.
  await db().$transaction(
    async (tx) => {
      await allowLongStatements(tx);
      await tx.desk.delete({ where: { id } });
      await refreshDeskViewIn(tx, id);
    },
    { timeout: LONG_STATEMENT_MS },
  );
}
