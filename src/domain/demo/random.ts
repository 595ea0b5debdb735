import { createHash } from 'node:crypto';

/**
 * A seeded pseudo-random source for the demo organisation: the same seed and scope give the same
 * sequence on every machine and Node version (sfc32, 128 bits of state, seeded from SHA-256).
 * Not for anything secret.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, scope = '') {
    const digest = createHash('sha256').update(`leadway-demo\u0000${seed}\u0000${scope}`).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One element, chosen by weight: `[[value, weight], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, weight] of choices) {
      x -= weight;
      if (x < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }

  /** `count` distinct elements of `items` (all of them, shuffled, when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length)
      out += Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  }
}

/**
 * Deterministic ids that look like the random UUIDs the product makes: a stream of pseudo-random
 * bits per table, from the seed. Two runs with one seed give the same ids; nothing about an id
 * tells which run or table it came from (ids with a shared prefix would make the journal's
 * full-text index, which indexes the owner's id word by word, far slower than real ids do).
 */
export class DemoIds {
  private readonly streams = new Map<string, Random>();

  constructor(private readonly seed: string) {}

  /** The next id for `kind` (a short word per table: entry, goal…). */
  next(kind: string): string {
    let stream = this.streams.get(kind);
    if (!stream) {
      stream = new Random(this.seed, `ids:${kind}`);
      this.streams.set(kind, stream);
    }
    return uuidFrom(stream.hex(32));
  }

  /** The id numbered `n` of `kind`, for ids known in advance (people, teams). */
  at(kind: string, n: number): string {
    return uuidFrom(
      createHash('sha256').update(`leadway-demo-id\u0000${this.seed}\u0000${kind}\u0000${n}`).digest('hex'),
    );
  }
}

/** 32+ hex digits as a version-4 UUID. */
function uuidFrom(hex: string): string {
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
