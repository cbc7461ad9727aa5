/**
 * Masks secrets at the source: every log line passes through here before an
 * event is emitted. A multi-line secret is masked line by line, so each of
 * its lines is hidden wherever it appears. Lines are complete when they get
 * here (see LineBuffer), so a secret split across output chunks is still
 * found.
 */
export const MASK = '****';

export class Masker {
  private secrets: string[] = [];

  add(secret: string): void {
    for (const line of secret.split(/\r?\n/)) {
      const s = line.trim() === '' ? '' : line;
      if (s.length > 0 && !this.secrets.includes(s)) this.secrets.push(s);
    }
    // Longer first, so a secret containing another is masked whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  mask(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }
}
