/** `String.format` for the conversions Jenkinsfiles use: %s %d %f %x %o %e %b %c %n %%, with flags and width. */
import type { Span } from '../../../pipeline/model/span.ts';
import { ScriptError } from '../../errors.ts';
import { toStr } from '../format.ts';
import type { Value } from '../values.ts';

const SPEC = /%(\d+\$)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

export function javaFormat(fmt: string, args: Value[], span: Span): string {
  let next = 0;
  return fmt.replace(
    SPEC,
    (
      _all,
      pos: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%';
      if (conv === 'n') return '\n';
      const index = pos ? Number.parseInt(pos, 10) - 1 : next++;
      if (index >= args.length)
        throw new ScriptError(
          `Format specifier '%${conv}' has no argument`,
          span,
          'java.util.MissingFormatArgumentException',
        );
      const text = convert(
        conv,
        args[index] ?? null,
        flags,
        prec ? Number.parseInt(prec.slice(1), 10) : undefined,
        span,
      );
      return pad(text, width ? Number.parseInt(width, 10) : 0, flags);
    },
  );
}

function convert(
  conv: string,
  v: Value,
  flags: string,
  precision: number | undefined,
  span: Span,
): string {
  const upper = conv === conv.toUpperCase() && conv !== conv.toLowerCase();
  let out: string;
  switch (conv.toLowerCase()) {
    case 's':
      out = toStr(v);
      if (precision !== undefined) out = out.slice(0, precision);
      break;
    case 'b':
      out = String(v !== null && v !== false);
      break;
    case 'c':
      out = typeof v === 'number' ? String.fromCharCode(v) : toStr(v).charAt(0);
      break;
    case 'd':
      out = withSign(Math.trunc(num(v, conv, span)), flags, (n) =>
        flags.includes(',') ? n.toLocaleString('en-US') : String(n),
      );
      break;
    case 'f':
      out = withSign(num(v, conv, span), flags, (n) => n.toFixed(precision ?? 6));
      break;
    case 'e':
      out = withSign(num(v, conv, span), flags, (n) =>
        n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'),
      );
      break;
    case 'x':
      out = Math.trunc(num(v, conv, span)).toString(16);
      break;
    case 'o':
      out = Math.trunc(num(v, conv, span)).toString(8);
      break;
    default:
      throw new ScriptError(
        `Unsupported format conversion '%${conv}'`,
        span,
        'java.util.UnknownFormatConversionException',
      );
  }
  return upper ? out.toUpperCase() : out;
}

function num(v: Value, conv: string, span: Span): number {
  if (typeof v !== 'number')
    throw new ScriptError(
      `%${conv} needs a number, got ${toStr(v)}`,
      span,
      'java.util.IllegalFormatConversionException',
    );
  return v;
}

function withSign(n: number, flags: string, body: (abs: number) => string): string {
  const text = body(Math.abs(n));
  if (n < 0) return flags.includes('(') ? `(${text})` : `-${text}`;
  if (flags.includes('+')) return `+${text}`;
  if (flags.includes(' ')) return ` ${text}`;
  return text;
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[-+ ]?\d/.test(text)) {
    const sign = /^[-+ ]/.test(text) ? text.charAt(0) : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}
