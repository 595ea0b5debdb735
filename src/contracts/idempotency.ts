import { z } from 'zod';

/**
 * The `Idempotency-Key` request header, shared by the server (server/idempotency.ts), the web app's
 * request layer (web/src/api.ts) and any other client (the remote CLI): send one fresh key per
 * submission on a creating POST, and the same key again when retrying that submission.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Longest key accepted, in characters. */
export const IDEMPOTENCY_KEY_MAX = 255;

/** How long a key is remembered after its first request, in hours. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** A key: 1–255 printable ASCII characters (a UUID, or 32 random hex digits as newIdempotencyKey makes). */
export const idempotencyKey = z
  .string()
  .min(1, 'The Idempotency-Key header is empty; send 1 to 255 characters, e.g. a random UUID.')
  .max(IDEMPOTENCY_KEY_MAX, `The Idempotency-Key header is longer than ${IDEMPOTENCY_KEY_MAX} characters.`)
  .regex(
    /^[\x20-\x7e]*$/,
    'The Idempotency-Key header may hold printable ASCII characters only (letters, digits, "-", …).',
  )
  .refine((key) => key.trim().length > 0, 'The Idempotency-Key header is blank; send a random key such as a UUID.');

/** A fresh random key (128 bits, hex): from Web Crypto, which both browsers and Node.js provide. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
