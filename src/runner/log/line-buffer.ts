/**
 * Turns a byte stream into complete lines. A partial line waits for the
 * next chunk (or `flush()` at the end of the step), so masking and rendering
 * always see whole lines. Multi-byte characters split across chunks are
 * decoded correctly.
 */
import { StringDecoder } from 'node:string_decoder';

export class LineBuffer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly emit: (lines: string) => void) {}

  push(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    const end = this.pending.lastIndexOf('\n');
    if (end < 0) return;
    const complete = this.pending.slice(0, end);
    this.pending = this.pending.slice(end + 1);
    this.emit(complete.replace(/\r$/gm, ''));
  }

  flush(): void {
    this.pending += this.decoder.end();
    if (this.pending !== '') this.emit(this.pending.replace(/\r$/gm, ''));
    this.pending = '';
  }
}
