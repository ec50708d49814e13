const LF = 0x0a;
const CR = 0x0d;

/** Bytes read per call; the buffer starts at twice this so a partial line rarely forces a copy. */
export const READ_CHUNK_BYTES = 64 * 1024;

/** Where the next read should put its bytes. */
export interface ReadTarget {
  buffer: Buffer;
  offset: number;
  length: number;
}

/**
 * Bytes read from a file or stream, cut into lines at `\n`, `\r\n` or a lone `\r`, as
 * FileStreamSourceTask.extractLine does. Works on UTF-8 bytes, which is safe because neither
 * terminator byte can occur inside a multi-byte sequence, and lets `consumed` count bytes
 * exactly. An unterminated tail is kept until more bytes arrive; the buffer doubles when one line
 * outgrows it, so memory follows the longest line, never the file.
 */
export class LineBuffer {
  #buffer: Buffer;
  /** `#buffer` up to `#end`, so searches never see stale bytes beyond the data. */
  #data: Buffer;
  #start = 0;
  #end = 0;
  #consumed = 0;
  // Next terminator at or after #start (-1: none before #searchedTo), so each byte is searched once.
  #lf = -1;
  #lfSearchedTo = 0;
  #cr = -1;
  #crSearchedTo = 0;

  constructor(initialCapacity = 2 * READ_CHUNK_BYTES) {
    this.#buffer = Buffer.allocUnsafe(Math.max(initialCapacity, 2));
    this.#data = this.#buffer.subarray(0, 0);
  }

  /** Bytes taken out as lines so far, terminators included. */
  get consumed(): number {
    return this.#consumed;
  }

  /** Bytes held that do not yet form a complete line. */
  get pendingBytes(): number {
    return this.#end - this.#start;
  }

  /** Room for the next read (at most `maxLength` bytes), compacting or growing the buffer as needed. */
  readTarget(maxLength = READ_CHUNK_BYTES): ReadTarget {
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
      this.#lf = this.#cr = -1;
      this.#lfSearchedTo = this.#crSearchedTo = 0;
    }
    const wanted = Math.min(maxLength, this.#buffer.length >> 1);
    if (this.#buffer.length - this.#end < wanted) this.#compact();
    if (this.#buffer.length - this.#end < wanted) this.#grow();
    return { buffer: this.#buffer, offset: this.#end, length: Math.min(maxLength, this.#buffer.length - this.#end) };
  }

  /** Records that a read put `bytes` bytes at the offset readTarget() returned. */
  commit(bytes: number): void {
    if (bytes <= 0) return;
    this.#end += bytes;
    this.#data = this.#buffer.subarray(0, this.#end);
  }

  /** The next complete line without its terminator, or null until more bytes arrive. */
  nextLine(): string | null {
    const start = this.#start;
    const lf = this.#nextLf(start);
    const cr = this.#nextCr(start);
    let until: number;
    let next: number;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      // \r\n or a lone \r: undecidable until the byte after the \r is here.
      if (cr + 1 >= this.#end) return null;
      until = cr;
      next = this.#data[cr + 1] === LF ? cr + 2 : cr + 1;
    } else if (lf !== -1) {
      until = lf;
      next = lf + 1;
    } else {
      return null;
    }
    const line = this.#data.toString('utf8', start, until);
    this.#consumed += next - start;
    this.#start = next;
    return line;
  }

  #nextLf(from: number): number {
    if (this.#lf >= from) return this.#lf;
    if (this.#lf !== -1 || this.#lfSearchedTo < this.#end) {
      this.#lf = this.#data.indexOf(LF, Math.max(from, this.#lf === -1 ? this.#lfSearchedTo : from));
      this.#lfSearchedTo = this.#end;
    }
    return this.#lf;
  }

  #nextCr(from: number): number {
    if (this.#cr >= from) return this.#cr;
    if (this.#cr !== -1 || this.#crSearchedTo < this.#end) {
      this.#cr = this.#data.indexOf(CR, Math.max(from, this.#cr === -1 ? this.#crSearchedTo : from));
      this.#crSearchedTo = this.#end;
    }
    return this.#cr;
  }

  #compact(): void {
    const shift = this.#start;
    if (shift === 0) return;
    this.#buffer.copyWithin(0, shift, this.#end);
    this.#end -= shift;
    this.#start = 0;
    if (this.#lf !== -1) this.#lf -= shift;
    if (this.#cr !== -1) this.#cr -= shift;
    this.#lfSearchedTo = Math.max(0, this.#lfSearchedTo - shift);
    this.#crSearchedTo = Math.max(0, this.#crSearchedTo - shift);
    this.#data = this.#buffer.subarray(0, this.#end);
  }

  #grow(): void {
    this.#compact();
    const bigger = Buffer.allocUnsafe(this.#buffer.length * 2);
    this.#buffer.copy(bigger, 0, 0, this.#end);
    this.#buffer = bigger;
    this.#data = bigger.subarray(0, this.#end);
  }
}
