// Every column that holds a secret encrypted with TOKEN_ENCRYPTION_KEY (lib/crypto.ts), for
// `keys rotate`. A new `*_ciphertext` column must be listed here: encrypted-columns.test.ts fails
// while schema.prisma has one this list lacks (and a forgotten column would be unreadable after a
// rotation). Names are identifiers in SQL, never user input.
export type EncryptedColumn = { table: string; primaryKey: string; column: string };

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: "desks", primaryKey: "id", column: "token_ciphertext" },
  { table: "desks", primaryKey: "id", column: "oauth_client_secret_ciphertext" },
  { table: "desks", primaryKey: "id", column: "oauth_access_token_ciphertext" },
  { table: "desks", primaryKey: "id", column: "oauth_refresh_token_ciphertext" },
  { table: "desks", primaryKey: "id", column: "webhook_secret_ciphertext" },
  { table: "desk_oauth_states", primaryKey: "state_hash", column: "client_secret_ciphertext" },
  { table: "desk_oauth_states", primaryKey: "state_hash", column: "code_verifier_ciphertext" },
];
