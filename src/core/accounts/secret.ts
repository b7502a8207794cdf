import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Random secrets (session, access and setup tokens) and their storage form. Secrets carry 256
 * bits of randomness, so a fast hash (SHA-256) is enough to store them: nobody can guess one, and
 * a copy of the database does not give them away.
 */

/** A new secret: 32 random bytes, base64url, with an optional readable prefix (`shinko_pat_…`). */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** A short random id for public references (token ids shown in lists). */
export function newPublicId(): string {
  return randomBytes(9).toString("base64url");
}

/** SHA-256 of a secret, hex: the form the database keeps. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** HMAC-SHA256 of `message` under `key`, base64url. */
export function hmac(key: string, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("base64url");
}

/** Compares two strings in time that does not depend on where they differ. */
export function equalSecrets(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  // timingSafeEqual needs equal lengths; comparing the hashes keeps the time independent of both.
  if (x.length !== y.length) {
    timingSafeEqual(createHash("sha256").update(x).digest(), createHash("sha256").update(y).digest());
    return false;
  }
  return timingSafeEqual(x, y);
}
