import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with scrypt (node:crypto). Each hash carries its own parameters in a PHC-style
 * string, `$scrypt$ln=15,r=8,p=3$<salt>$<hash>`, so the cost can be raised later: old hashes
 * still verify, and {@link needsRehash} tells the sign-in to store a stronger one.
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/**
 * OWASP's minimum for scrypt is N=2^17, r=8, p=1 or an equivalent; N=2^15, r=8, p=3 costs the
 * same CPU time with a quarter of the memory (32 MiB per hash), which matters on a small server.
 */
export const CURRENT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ ln: 15, r: 8, p: 3 });

let active: Readonly<ScryptParams> = CURRENT_SCRYPT;

/**
 * Changes the parameters for new hashes (and the bar {@link needsRehash} measures against).
 * Test suites lower it, since they hash hundreds of passwords; hashes keep their own parameters,
 * so nothing else changes.
 */
export function setPasswordHashCost(params: ScryptParams): void {
  active = Object.freeze({ ...params });
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Passwords longer than this are refused before hashing, so nobody can make the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const n = 2 ** params.ln;
  const options: ScryptOptions = { N: n, r: params.r, p: params.p, maxmem: 256 * n * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Hashes a password with a fresh random salt.
 *
 * @example
 * const stored = await hashPassword("correct horse battery staple");
 * await verifyPassword("correct horse battery staple", stored); // true
 */
export async function hashPassword(password: string, params: ScryptParams = active): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function parse(stored: string): Parsed | null {
  const m = FORMAT.exec(stored);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (params.ln < 10 || params.ln > 22 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) {
    return null;
  }
  return { params, salt: Buffer.from(m[4]!, "base64url"), key: Buffer.from(m[5]!, "base64url") };
}

/** True when the password matches the stored hash. Compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 2) return false;
  const parsed = parse(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when the stored hash was made with weaker parameters than today's (or cannot be read). */
export function needsRehash(stored: string, params: ScryptParams = active): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const cost = (p: ScryptParams) => 2 ** p.ln * p.r * p.p;
  return cost(parsed.params) < cost(params) || parsed.params.ln < params.ln;
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification without a real hash, so a sign-in with an unknown e-mail
 * takes as long as one with a wrong password (no account discovery by timing).
 */
export async function spendVerificationTime(password: string): Promise<void> {
  dummy ??= hashPassword("shinko timing equaliser");
  await verifyPassword(password, await dummy);
}

/** Problems with a new password, as messages; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (length >= MIN_PASSWORD_LENGTH && new Set(password).size < 4) {
    problems.push("must not repeat a few characters over and over");
  }
  const local = email?.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) {
    problems.push("must not contain the name part of the e-mail address");
  }
  return problems;
}
