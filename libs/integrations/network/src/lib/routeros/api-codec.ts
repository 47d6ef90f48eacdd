/**
 * The RouterOS API wire format (help.mikrotik.com "API"): a sentence is words, ended by a zero-length word; each word
 * is prefixed by its length in 1–5 bytes:
 *
 * | length       | bytes | encoding             |
 * |--------------|-------|----------------------|
 * | < 0x80       | 1     | len                  |
 * | < 0x4000     | 2     | len \| 0x8000        |
 * | < 0x200000   | 3     | len \| 0xC00000      |
 * | < 0x10000000 | 4     | len \| 0xE0000000    |
 * | larger       | 5     | 0xF0 + 4 bytes (len) |
 *
 * Words are UTF-8 here (RouterOS itself treats them as bytes; names and comments Lunas writes are ASCII).
 */

/** The length prefix of a word of `length` bytes. */
export function encodeLength(length: number): Buffer {
  if (!Number.isSafeInteger(length) || length < 0 || length > 0xffffffff) throw new RangeError(`word length ${length} out of range`);
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x4000) return Buffer.from([(length >>> 8) | 0x80, length & 0xff]);
  if (length < 0x200000) return Buffer.from([(length >>> 16) | 0xc0, (length >>> 8) & 0xff, length & 0xff]);
  if (length < 0x10000000) return Buffer.from([(length >>> 24) | 0xe0, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]);
  return Buffer.from([0xf0, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]);
}

/**
 * The length a prefix at `offset` encodes and how many bytes the prefix takes; null when `buffer` does not hold the
 * whole prefix yet. A first byte of 0xF8 or above is a control byte RouterOS never sends in a sentence: an error.
 */
export function decodeLength(buffer: Buffer, offset = 0): { length: number; size: number } | null {
  if (offset >= buffer.length) return null;
  const first = buffer[offset];
  const size = first < 0x80 ? 1 : first < 0xc0 ? 2 : first < 0xe0 ? 3 : first < 0xf0 ? 4 : first === 0xf0 ? 5 : 0;
  if (size === 0) throw new RangeError(`invalid word length prefix 0x${first.toString(16)}`);
  if (offset + size > buffer.length) return null;
  if (size === 1) return { length: first, size };
  // The first byte's marker bits are masked off; the rest of the prefix is big-endian.
  let length = size === 5 ? 0 : first & (0xff >>> size);
  for (let i = 1; i < size; i++) length = length * 256 + buffer[offset + i];
  return { length, size };
}

/** One sentence on the wire: every word with its length prefix, then the empty word. */
export function encodeSentence(words: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const word of words) {
    const bytes = Buffer.from(word, 'utf8');
    parts.push(encodeLength(bytes.length), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/**
 * Splits a byte stream into sentences: `push` the bytes as they arrive (any chunking), get back every sentence they
 * completed.
 */
export class SentenceReader {
  private pending: Buffer = Buffer.alloc(0);
  private words: string[] = [];

  push(chunk: Buffer): string[][] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const sentences: string[][] = [];
    let offset = 0;
    for (;;) {
      const prefix = decodeLength(this.pending, offset);
      if (!prefix || offset + prefix.size + prefix.length > this.pending.length) break;
      offset += prefix.size;
      if (prefix.length === 0) {
        sentences.push(this.words);
        this.words = [];
        continue;
      }
      this.words.push(this.pending.toString('utf8', offset, offset + prefix.length));
      offset += prefix.length;
    }
    this.pending = this.pending.subarray(offset);
    return sentences;
  }
}

/** The `=name=value` attribute words of a sentence as a record (a value may itself contain `=`). */
export function attributesOf(words: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const word of words) {
    if (!word.startsWith('=')) continue;
    const split = word.indexOf('=', 1);
    if (split > 0) attributes[word.slice(1, split)] = word.slice(split + 1);
  }
  return attributes;
}

/** The `.tag` of a sentence (`=.tag=…` in a reply, `.tag=…` in a command). */
export function tagOf(words: readonly string[]): string | undefined {
  const word = words.find((candidate) => candidate.startsWith('.tag=') || candidate.startsWith('=.tag='));
  return word?.slice(word.indexOf('=', 1) + 1);
}
