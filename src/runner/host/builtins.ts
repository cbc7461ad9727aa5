/**
 * Functions that build descriptions rather than run anything: credential
 * bindings for `withCredentials` and parameter definitions for `input`.
 * They return maps with a `$class` key, so the literal Jenkins forms
 * (`[$class: 'UsernamePasswordMultiBinding', …]`) work the same way.
 */
import type { Span } from '../../pipeline/model/span.ts';
import type { CallArgs } from '../groovy/host.ts';
import type { Value } from '../groovy/values.ts';

type Maker = (named: Map<string, Value>, positional: Value[]) => Value;

function described(cls: string): Maker {
  return (named) => new Map<Value, Value>([['$class', cls], ...named]);
}

const MAKERS: Record<string, Maker> = {
  usernamePassword: described('UsernamePasswordMultiBinding'),
  usernameColonPassword: described('UsernamePasswordBinding'),
  sshUserPrivateKey: described('SSHUserPrivateKeyBinding'),
  file: (named, positional) =>
    named.has('credentialsId')
      ? described('FileBinding')(named, positional)
      : described('FileParameterDefinition')(named, positional),
  string: (named, positional) =>
    named.has('credentialsId')
      ? described('StringBinding')(named, positional)
      : described('StringParameterDefinition')(named, positional),
  booleanParam: described('BooleanParameterDefinition'),
  choice: described('ChoiceParameterDefinition'),
  text: described('TextParameterDefinition'),
  password: described('PasswordParameterDefinition'),
};

export function isBuiltin(name: string): boolean {
  return Object.hasOwn(MAKERS, name);
}

/** The built value, or undefined when `name` is not a built-in. */
export function builtin(name: string, args: CallArgs, _span: Span): Value | undefined {
  if (!isBuiltin(name)) return undefined;
  const maker = MAKERS[name] as Maker;
  return maker(args.named ?? new Map(), args.positional);
}
