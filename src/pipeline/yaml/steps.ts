/**
 * Steps. A string is a shell command (`- make test`); anything else is a
 * mapping with one key, the step name, whose value is either the step's main
 * parameter (`- echo: hi`) or a mapping of named parameters, with `steps:`
 * for a body (`- dir: {path: src, steps: [...]}`). `script:` holds Groovy.
 * Step names and parameters come from the step catalog, so rig.yaml offers
 * exactly the steps a Jenkinsfile can use.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { Arg, Expr } from '../model/groovy.ts';
import type { Step } from '../model/pipeline.ts';
import type { StepParam, StepSignature } from '../steps/catalog.ts';
import { stepSignature } from '../steps/catalog.ts';
import type { Ctx } from './context.ts';
import { CALL_LISTS, YAML_SPECIAL_STEPS, yamlSteps } from './format-steps.ts';
import type { Entry } from './read.ts';
import { entries, isNull, readSeq, unknownKey, wrongType } from './read.ts';
import { parseGroovyIn } from './script.ts';
import { suggest as closest } from '../diagnostics/suggest.ts';
import { callsExpr, overridesExpr } from './step-values.ts';
import { shellExpr, stringExpr, valueExpr } from './values.ts';

const STEP_NAMES = ['script', ...yamlSteps().map((s) => s.name)];

export function readSteps(ctx: Ctx, node: Node, what: string): Step[] | undefined {
  const items = readSeq(ctx, node, what);
  if (!items) return undefined;
  const steps = items.map((item) => readStep(ctx, item));
  return steps.every((s) => s) ? (steps as Step[]) : undefined;
}

function readStep(ctx: Ctx, node: Node): Step | undefined {
  const span = ctx.span(node);
  if (isScalar(node) && typeof node.value === 'string') {
    const script = shellExpr(ctx, node, 'a shell command');
    return script && { kind: 'step', name: 'sh', args: [{ value: script, span }], span };
  }
  if (!isMap(node)) {
    return wrongType(ctx, node, 'a step', 'a shell command or a mapping such as `echo: hi`');
  }
  const [first, ...rest] = entries(ctx, node);
  if (!first) return ctx.error('missing-key', 'a step needs a step name', node);
  if (rest.length > 0) return tooManyKeys(ctx, first, rest);
  if (first.key === 'script') {
    const body = parseGroovyIn(ctx, first.value, '`script`');
    return body && { kind: 'script', body, span };
  }
  const sig = knownStep(ctx, first);
  if (!sig) return undefined;
  return sig.supported ? readCall(ctx, sig, first, span) : readForeign(ctx, first, span);
}

function tooManyKeys(ctx: Ctx, first: Entry, rest: Entry[]): undefined {
  const names = [first, ...rest].map((e) => `\`${e.key}\``).join(', ');
  return ctx.error(
    'conflicting-keys',
    `a step has one key, its name; this one has ${names}`,
    rest[0]!.keyNode,
    [`put parameters under the step: \`${first.key}: {…}\`, and start each step with \`-\``],
  );
}

function knownStep(ctx: Ctx, e: Entry): StepSignature | undefined {
  const special = YAML_SPECIAL_STEPS[e.key];
  if (special && e.key !== 'script') {
    return ctx.error('unknown-step', `\`${e.key}\` is not a rig.yaml step: ${special}`, e.keyNode);
  }
  const sig = stepSignature(e.key);
  if (sig) return sig;
  const guess = closest(e.key, STEP_NAMES);
  return ctx.error(
    'unknown-step',
    `unknown step \`${e.key}\``,
    e.keyNode,
    guess ? [`did you mean \`${guess}\`?`] : ['a shell command is a plain string: `- make test`'],
  );
}

/** A supported step: its value is the main parameter, nothing, or named parameters. */
function readCall(ctx: Ctx, sig: StepSignature, e: Entry, span: Step['span']): Step | undefined {
  const value = e.value;
  if (isMap(value)) return readNamed(ctx, sig, value, span);
  if (isNull(value)) {
    if (sig.params.some((p) => p.required) || sig.body === 'required') {
      return ctx.error('missing-key', `\`${sig.name}\` needs ${needs(sig)}`, e.pair);
    }
    return { kind: 'step', name: sig.name, args: [], span };
  }
  const main = sig.params.find((p) => p.name === sig.positional);
  if (!main || sig.body === 'required') {
    return wrongType(ctx, value, `\`${sig.name}\``, `a mapping of ${needs(sig)}`);
  }
  const expr = paramExpr(ctx, sig, main, value);
  return (
    expr && { kind: 'step', name: sig.name, args: [{ value: expr, span: ctx.span(value) }], span }
  );
}

function needs(sig: StepSignature): string {
  const required = sig.params.filter((p) => p.required).map((p) => `\`${p.name}\``);
  if (sig.body === 'required') required.push('`steps`');
  return required.length ? required.join(' and ') : 'its parameters';
}

function readNamed(
  ctx: Ctx,
  sig: StepSignature,
  map: YAMLMap,
  span: Step['span'],
): Step | undefined {
  const allowed = [...sig.params.map((p) => p.name), ...(sig.body === 'none' ? [] : ['steps'])];
  const args: Arg[] = [];
  let body: Step[] | undefined;
  let ok = true;
  for (const p of entries(ctx, map)) {
    const param = sig.params.find((x) => x.name === p.key);
    if (p.key === 'steps' && sig.body !== 'none') {
      body = readSteps(ctx, p.value, `the \`steps\` of \`${sig.name}\``);
      ok &&= body !== undefined;
    } else if (!param) {
      unknownKey(ctx, p, allowed, `\`${sig.name}\``);
      ok = false;
    } else {
      const value = paramExpr(ctx, sig, param, p.value);
      if (value) args.push({ name: p.key, value, span: ctx.span(p.pair) });
      else ok = false;
    }
  }
  const given = new Set(entries(ctx, map).map((p) => p.key));
  const missing = [
    ...sig.params.filter((p) => p.required && !given.has(p.name)).map((p) => p.name),
    ...(sig.body === 'required' && !given.has('steps') ? ['steps'] : []),
  ];
  if (missing.length > 0) {
    ctx.error(
      'missing-key',
      `\`${sig.name}\` needs ${missing.map((m) => `\`${m}\``).join(' and ')}`,
      map,
    );
    return undefined;
  }
  if (!ok) return undefined;
  return body
    ? { kind: 'step', name: sig.name, args, body, span }
    : { kind: 'step', name: sig.name, args, span };
}

/** A parameter value, checked against the catalog's type. */
function paramExpr(ctx: Ctx, sig: StepSignature, param: StepParam, node: Node): Expr | undefined {
  const what = `\`${param.name}\` of \`${sig.name}\``;
  if (sig.name === 'sh' && param.name === 'script') return shellExpr(ctx, node, what);
  if (sig.name === 'withEnv' && param.name === 'overrides') return overridesExpr(ctx, node, what);
  if (CALL_LISTS.has(`${sig.name}.${param.name}`)) return callsExpr(ctx, node, what);
  if (sig.name === 'checkout' && isScalar(node) && node.value === 'scm') {
    return { kind: 'var', name: 'scm', span: ctx.span(node) };
  }
  const placeholder =
    isScalar(node) && typeof node.value === 'string' && node.value.includes('${{');
  switch (param.type) {
    case 'string':
      return stringExpr(ctx, node, what);
    case 'boolean':
      return placeholder || (isScalar(node) && typeof node.value === 'boolean')
        ? valueExpr(ctx, node, what)
        : wrongType(ctx, node, what, '`true` or `false`');
    case 'number':
      return placeholder || (isScalar(node) && typeof node.value === 'number')
        ? valueExpr(ctx, node, what)
        : wrongType(ctx, node, what, 'a number');
    case 'list':
      return isSeq(node) ? valueExpr(ctx, node, what) : wrongType(ctx, node, what, 'a list');
    case 'map':
      return isMap(node) ? valueExpr(ctx, node, what) : wrongType(ctx, node, what, 'a mapping');
    case 'closure':
      return wrongType(ctx, node, what, 'a closure, which rig.yaml cannot write');
    case 'any':
      return valueExpr(ctx, node, what);
  }
}

/**
 * A step Rig knows but does not run (`bat`, `slackSend`): kept with its
 * arguments as written, so validation can name it rather than the YAML shape.
 */
function readForeign(ctx: Ctx, e: Entry, span: Step['span']): Step | undefined {
  if (isNull(e.value)) return { kind: 'step', name: e.key, args: [], span };
  if (!isMap(e.value)) {
    const value = valueExpr(ctx, e.value, `\`${e.key}\``);
    return value && { kind: 'step', name: e.key, args: [{ value, span: ctx.span(e.value) }], span };
  }
  const args: Arg[] = [];
  let body: Step[] | undefined;
  for (const p of entries(ctx, e.value)) {
    if (p.key === 'steps') body = readSteps(ctx, p.value, `the \`steps\` of \`${e.key}\``);
    const value = p.key === 'steps' ? undefined : valueExpr(ctx, p.value, `\`${p.key}\``);
    if (value) args.push({ name: p.key, value, span: ctx.span(p.pair) });
  }
  return body
    ? { kind: 'step', name: e.key, args, body, span }
    : { kind: 'step', name: e.key, args, span };
}
