/** Result of resolving a prefix that names no commit of the index. */
export const NOT_FOUND = -1;
/** Result of resolving a prefix that names several commits of the index. */
export const AMBIGUOUS = -2;

/** Bytes kept per sha: a whole SHA-1 (a SHA-256 id is kept to its first 40 hex digits). */
const SHA_BYTES = 20;
const INITIAL_CAPACITY = 4096;

/**
 * The commits of a walk, compactly, for resolving `Fixes:` targets: each sha's 20 bytes in one
 * growable buffer and a small integer (its author's index) in an Int32Array — 24 bytes a commit,
 * 24 MB per million commits, where a Map of hex strings would take ~150 MB.
 */
export class ShaIndex {
  private bytes = Buffer.alloc(INITIAL_CAPACITY * SHA_BYTES);
  private owners = new Int32Array(INITIAL_CAPACITY);
  private size = 0;

  /** Commits stored so far. */
  get count(): number {
    return this.size;
  }

  /** Stores a commit (full hex sha) and its owner; returns the commit's index. */
  add(sha: string, owner: number): number {
    if (this.size === this.owners.length) this.grow(this.size * 2);
    this.bytes.write(sha, this.size * SHA_BYTES, SHA_BYTES, 'hex');
    this.owners[this.size] = owner;
    return this.size++;
  }

  private grow(capacity: number) {
    const bytes = Buffer.alloc(capacity * SHA_BYTES);
    this.bytes.copy(bytes);
    this.bytes = bytes;
    const owners = new Int32Array(capacity);
    owners.set(this.owners);
    this.owners = owners;
  }

  /** The owner stored with commit `index`. */
  ownerOf(index: number): number {
    return this.owners[index] as number;
  }

  /** Sets the owner of commit `index` (for an index filled before its owners were known). */
  setOwner(index: number, owner: number): void {
    this.owners[index] = owner;
  }

  /** The full sha of commit `index`. */
  shaOf(index: number): string {
    return this.bytes.toString('hex', index * SHA_BYTES, (index + 1) * SHA_BYTES);
  }

  /**
   * Resolves lower-case hex prefixes of 7 to 40 digits in one pass over the stored shas (no
   * sorting, no string per commit): for each prefix the index of the only commit starting with
   * it, NOT_FOUND, or AMBIGUOUS.
   */
  resolve(prefixes: readonly string[]): Int32Array {
    const result = new Int32Array(prefixes.length).fill(NOT_FOUND);
    // Prefixes by their first 28 bits (7 hex digits), the part compared as a number.
    const wanted = new Map<number, number[]>();
    prefixes.forEach((prefix, i) => {
      if (prefix.length < 7 || prefix.length > 2 * SHA_BYTES || !/^[0-9a-f]+$/.test(prefix)) return;
      const key = Number.parseInt(prefix.slice(0, 7), 16);
      const list = wanted.get(key);
      if (list) list.push(i);
      else wanted.set(key, [i]);
    });
    if (wanted.size === 0) return result;
    const b = this.bytes;
    for (let i = 0, at = 0; i < this.size; i++, at += SHA_BYTES) {
      const key =
        ((b[at] as number) << 20) |
        ((b[at + 1] as number) << 12) |
        ((b[at + 2] as number) << 4) |
        ((b[at + 3] as number) >>> 4);
      const list = wanted.get(key);
      if (!list) continue;
      const sha = b.toString('hex', at, at + SHA_BYTES);
      for (const p of list) {
        if (!sha.startsWith(prefixes[p] as string)) continue;
        result[p] = result[p] === NOT_FOUND ? i : AMBIGUOUS;
      }
    }
    return result;
  }
}
