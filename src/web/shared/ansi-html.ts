/**
 * ANSI → HTML for log lines, on the server (the paged view) and in the
 * browser (the viewer). Colours become classes (`ansi-red-fg`) so the
 * palette follows light and dark mode; 256-colour and true colour stay
 * inline. Text is HTML-escaped; only http(s) links from OSC 8 survive.
 */
import { AnsiUp } from 'ansi_up';

export type LineConverter = (line: string) => string;

/** Converts lines in order, colour state carried across them, starting from `carry`. */
export function lineConverter(carry = ''): LineConverter {
  const ansi = new AnsiUp();
  ansi.use_classes = true;
  if (carry !== '') ansi.ansi_to_html(carry);
  return (line) => ansi.ansi_to_html(line);
}
