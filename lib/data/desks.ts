// Desks: the Zendesk accounts this installation syncs. Tokens are encrypted here and decrypted only
// for the Zendesk client; nothing returned to callers carries them.
import { db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseDeskAddress, type DeskCreate, type DeskUpdate } from "@/lib/validations/desk";
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
export type DeskCredentials = { baseUrl: string; email: string; token: string };

function encryptionKey(): string {
  const key = process.env.TOKEN_ENCRYPTION_KEY;
  if (!key) throw new Error("TOKEN_ENCRYPTION_KEY is not set");
  return key;
}

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

export async function createDesk(input: DeskCreate): Promise<Desk> {
  try {
    return await db().desk.create({
      select: publicFields,
      data: {
        domain: input.address.domain,
        baseUrl: input.address.baseUrl,
        name: input.name || null,
        email: input.email,
        tokenCiphertext: encryptSecret(input.token, encryptionKey()),
        active: input.active,
        waitIntervalSeconds: input.waitIntervalSeconds,
        rateLimitPerMinute: input.rateLimitPerMinute,
        rateLimitShare: input.rateLimitShare,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`A desk for ${input.address.domain} already exists`);
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

export async function updateDesk(ref: string | number, patch: DeskUpdate): Promise<Desk> {
  const desk = await getDesk(ref);
  const data: Prisma.DeskUpdateInput = {
    name: patch.name,
    email: patch.email,
    active: patch.active,
    waitIntervalSeconds: patch.waitIntervalSeconds,
    rateLimitPerMinute: patch.rateLimitPerMinute,
    rateLimitShare: patch.rateLimitShare,
  };
  if (patch.address && patch.address.domain !== desk.domain) {
    // Rows carry the domain; moving a desk to another account would mix two accounts' data.
    throw new UserError("The domain of a desk cannot change; add a new desk instead");
  }
  if (patch.address) data.baseUrl = patch.address.baseUrl;
  if (patch.token) data.tokenCiphertext = encryptSecret(patch.token, encryptionKey());
  return db().desk.update({ select: publicFields, where: { id: desk.id }, data });
}

export async function removeDesk(ref: string | number): Promise<Desk> {
  const desk = await getDesk(ref);
  await db().desk.delete({ where: { id: desk.id } });
  return desk;
}

/** For the Zendesk client only. */
export async function getDeskCredentials(deskId: number): Promise<DeskCredentials> {
  const row = await db().desk.findUniqueOrThrow({
    where: { id: deskId },
    select: { baseUrl: true, email: true, tokenCiphertext: true },
  });
  return { baseUrl: row.baseUrl, email: row.email, token: decryptSecret(row.tokenCiphertext, encryptionKey()) };
}
