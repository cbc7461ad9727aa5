/** Number and Boolean methods. Numbers are JS doubles; integer-ness is a value's property. */
import { ScriptError } from '../../errors.ts';
import { formatNumber } from '../format.ts';
import type { Value } from '../values.ts';
import type { MethodTable } from './support.ts';
import { closureArg, numArg } from './support.ts';

export const NUMBER_METHODS: MethodTable<number> = {
  toInteger: (n) => Math.trunc(n),
  intValue: (n) => Math.trunc(n),
  toLong: (n) => Math.trunc(n),
  longValue: (n) => Math.trunc(n),
  toDouble: (n) => n,
  doubleValue: (n) => n,
  toFloat: (n) => n,
  toBigDecimal: (n) => n,
  toString: (n: number) => formatNumber(n),
  abs: (n) => Math.abs(n),
  round: (n, a, e) => (a.length > 0 ? Number(n.toFixed(numArg(a, 0, e, 'round'))) : Math.round(n)),
  floor: (n) => Math.floor(n),
  ceil: (n) => Math.ceil(n),
  intdiv: (n, a, e) => {
    const d = numArg(a, 0, e, 'intdiv');
    if (d === 0) throw new ScriptError('Division by zero', e.span, 'java.lang.ArithmeticException');
    return Math.trunc(n / d);
  },
  plus: (n, a, e) => n + numArg(a, 0, e, 'plus'),
  minus: (n, a, e) => n - numArg(a, 0, e, 'minus'),
  multiply: (n, a, e) => n * numArg(a, 0, e, 'multiply'),
  div: (n, a, e) => n / numArg(a, 0, e, 'div'),
  mod: (n, a, e) => n % numArg(a, 0, e, 'mod'),
  power: (n, a, e) => n ** numArg(a, 0, e, 'power'),
  compareTo: (n, a, e) => Math.sign(n - numArg(a, 0, e, 'compareTo')),
  equals: (n, a) => n === a[0],
  asBoolean: (n) => n !== 0,
  times: async (n, a, e) => {
    const c = closureArg(a, 0, e, 'times');
    for (let i = 0; i < n; i++) await e.call(c, [i]);
    return null;
  },
  upto: async (n, a, e) => {
    const to = numArg(a, 0, e, 'upto');
    const c = closureArg(a, 1, e, 'upto');
    for (let i = n; i <= to; i++) await e.call(c, [i]);
    return null;
  },
  downto: async (n, a, e) => {
    const to = numArg(a, 0, e, 'downto');
    const c = closureArg(a, 1, e, 'downto');
    for (let i = n; i >= to; i--) await e.call(c, [i]);
    return null;
  },
  step: async (n, a, e) => {
    const to = numArg(a, 0, e, 'step');
    const by = numArg(a, 1, e, 'step');
    const c = closureArg(a, 2, e, 'step');
    if (by === 0)
      throw new ScriptError('step must not be 0', e.span, 'java.lang.IllegalArgumentException');
    for (let i = n; by > 0 ? i < to : i > to; i += by) await e.call(c, [i]);
    return null;
  },
};

export const BOOLEAN_METHODS: MethodTable<boolean> = {
  toString: (b: boolean) => String(b),
  booleanValue: (b) => b,
  asBoolean: (b) => b,
  equals: (b, a) => b === a[0],
  and: (b, a) => b && a[0] === true,
  or: (b, a) => b || a[0] === true,
  xor: (b, a) => b !== (a[0] === true),
  not: (b) => !b,
};

export function isIntegral(v: Value): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
