/**
 * The `Idempotency-Key` request header, shared by the server (server/idempotency.ts), the web app's
 * request layer (web/src/api.ts) and any other client (the remote CLI): send one fresh key per
 * submission on a creating POST, and the same key again when retrying that submission. No imports
 * on purpose: the web app takes this file without zod.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Longest key accepted, in characters. */
export const IDEMPOTENCY_KEY_MAX = 255;

/** How long a key is remembered after its first request, in hours. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/**
 * What is wrong with a key, in words, or null when it is fine: 1–255 printable ASCII characters,
 * not all spaces (a UUID, or the 32 hex digits newIdempotencyKey makes).
 */
export function idempotencyKeyProblem(key: string): string | null {
  if (key.length === 0) return 'The Idempotency-Key header is empty; send 1 to 255 characters, e.g. a random UUID.';
  if (key.length > IDEMPOTENCY_KEY_MAX)
    return `The Idempotency-Key header is longer than ${IDEMPOTENCY_KEY_MAX} characters.`;
  if (!/^[\x20-\x7e]*$/.test(key))
    return 'The Idempotency-Key header may hold printable ASCII characters only (letters, digits, "-", …).';
  if (key.trim().length === 0) return 'The Idempotency-Key header is blank; send a random key such as a UUID.';
  return null;
}

/** A fresh random key (128 bits, hex), from Web Crypto, which browsers and Node.js both provide. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
