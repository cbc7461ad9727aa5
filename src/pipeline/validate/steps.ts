/**
 * Steps against the catalog: unknown steps (with "did you mean"), steps Rig
 * does not run (with the catalog's reason), parameter names and types, and
 * body presence. Also: steps that need a workspace where no agent is in
 * effect (`agent none` without a stage agent).
 */
import { didYouMean } from '../diagnostics/suggest.ts';
import type { Arg, Expr } from '../model/groovy.ts';
import type { Step } from '../model/pipeline.ts';
import { knownStepNames, stepSignature, type StepSignature } from '../steps/catalog.ts';
import { headSpan, type Validator } from './validator.ts';
import { walkStmts } from './walk.ts';

export interface StepScope {
  /** An agent is in effect, so workspace steps can run. */
  hasAgent: boolean;
  /** Where these steps are, for messages: "stage 'Build'", "post". */
  where: string;
  /** Missing agent is an error in stages, a warning in pipeline-level post. */
  noAgentSeverity: 'error' | 'warning';
}

export function checkSteps(v: Validator, steps: Step[], scope: StepScope, topLevel = true): void {
  for (const st of steps) {
    if (st.kind === 'step' && st.name === 'parallel')
      checkParallel(v, st, topLevel && steps.length === 1);
    if (st.kind === 'script') {
      checkScriptCalls(v, st.body, scope);
      continue;
    }
    checkStep(v, st, scope);
    if (st.body) checkSteps(v, st.body, scope, false);
  }
}

/** Jenkins: the `parallel` step must be the only step of a `steps` block; branches are closures. */
function checkParallel(v: Validator, st: Extract<Step, { kind: 'step' }>, alone: boolean): void {
  const nameSpan = headSpan(st.span, st.name.length);
  if (!alone) {
    v.error(
      'parallel-step',
      "the `parallel` step can only be the only step of a stage's `steps` block",
      nameSpan,
      ['use a `parallel { stage(…) { … } }` section, or wrap the code in `script { }`'],
    );
  }
  const branches = st.args.filter((a) => a.name !== 'failFast');
  if (branches.length === 0)
    v.error(
      'parallel-step',
      '`parallel` needs at least one branch: `parallel a: { … }, b: { … }`',
      nameSpan,
    );
  for (const a of st.args) {
    if (a.name === 'failFast') {
      if (a.value.kind !== 'bool')
        v.error(
          'step-parameter-type',
          '`failFast` of `parallel` must be `true` or `false`',
          a.value.span,
        );
    } else if (
      a.name === undefined
        ? a.value.kind !== 'map' && a.value.kind !== 'var'
        : a.value.kind !== 'closure'
    ) {
      v.error('parallel-step', 'each `parallel` branch must be a block: `name: { … }`', a.span);
    }
  }
}

function checkStep(v: Validator, st: Extract<Step, { kind: 'step' }>, scope: StepScope): void {
  const nameSpan = headSpan(st.span, st.name.length);
  const sig = stepSignature(st.name);
  if (!sig) {
    if (!v.functions.has(st.name)) unknownStep(v, st.name, nameSpan);
    return;
  }
  if (!sig.supported) {
    v.error(
      'unsupported-step',
      `\`${st.name}\` is not supported by Rig: ${sig.reason ?? 'it is not implemented'}`,
      nameSpan,
    );
    return;
  }
  if (sig.needsWorkspace && !scope.hasAgent) noAgent(v, st.name, nameSpan, scope);
  if (st.name !== 'parallel') checkArgs(v, sig, st.args, nameSpan);
  checkBody(v, sig, st, nameSpan);
}

function unknownStep(v: Validator, name: string, span: Step['span']): void {
  const notes = didYouMean(name, [...knownStepNames(), ...v.functions]) ?? [];
  if (v.hasLibraries) {
    const libs = [...new Set(v.pipeline.libraries.map((l) => l.name))].join(', ');
    notes.push(`it may come from the shared library (${libs}); Rig does not load shared libraries`);
  }
  v.error('unknown-step', `unknown step \`${name}\``, span, notes.length > 0 ? notes : undefined);
}

function noAgent(v: Validator, name: string, span: Step['span'], scope: StepScope): void {
  const message = `\`${name}\` needs a workspace, but no agent is in effect in ${scope.where} (the pipeline has \`agent none\`)`;
  const notes = ['give this stage an `agent`, or the pipeline an agent other than `none`'];
  if (scope.noAgentSeverity === 'error') v.error('no-agent', message, span, notes);
  else v.warn('no-agent', message, span, notes);
}

function checkArgs(v: Validator, sig: StepSignature, args: Arg[], nameSpan: Step['span']): void {
  const positional = args.filter((a) => a.name === undefined);
  const named = args.filter((a) => a.name !== undefined);
  if (positional.length > 1) {
    v.error(
      'step-arguments',
      `arguments to \`${sig.name}\` must be named when there is more than one`,
      positional[1]!.span,
    );
  } else if (positional.length === 1 && named.length > 0) {
    v.error(
      'step-arguments',
      `\`${sig.name}\` cannot mix named and unnamed arguments`,
      positional[0]!.span,
    );
  } else if (positional.length === 1 && !sig.positional) {
    v.error('step-arguments', `\`${sig.name}\` takes named arguments only`, positional[0]!.span);
  }
  const names = sig.params.map((p) => p.name);
  for (const a of named) {
    const param = sig.params.find((p) => p.name === a.name);
    if (!param) {
      v.error(
        'unknown-step-parameter',
        `\`${sig.name}\` has no parameter \`${a.name}\``,
        a.span,
        didYouMean(a.name!, names),
      );
    } else checkType(v, sig.name, param.name, param.type, a.value);
  }
  if (positional.length === 1 && sig.positional) {
    const param = sig.params.find((p) => p.name === sig.positional);
    if (param) checkType(v, sig.name, param.name, param.type, positional[0]!.value);
  }
  if (positional.length > 1) return;
  const given = new Set([
    ...named.map((a) => a.name),
    ...(positional.length === 1 ? [sig.positional] : []),
  ]);
  for (const p of sig.params) {
    if (p.required && !given.has(p.name)) {
      v.error(
        'missing-step-parameter',
        `\`${sig.name}\` is missing its required parameter \`${p.name}\``,
        nameSpan,
      );
    }
  }
}

/** Only literals of the wrong kind are caught here; anything computed is checked at run time. */
function checkType(v: Validator, step: string, param: string, type: string, value: Expr): void {
  const bad =
    (type === 'number' && (value.kind === 'str' || value.kind === 'bool')) ||
    (type === 'boolean' && (value.kind === 'str' || value.kind === 'num')) ||
    (type === 'list' && (value.kind === 'num' || value.kind === 'bool' || value.kind === 'map'));
  if (bad) {
    v.error('step-parameter-type', `\`${param}\` of \`${step}\` must be a ${type}`, value.span);
  }
}

function checkBody(
  v: Validator,
  sig: StepSignature,
  st: Extract<Step, { kind: 'step' }>,
  nameSpan: Step['span'],
): void {
  if (sig.body === 'required' && !st.body) {
    v.error(
      'missing-step-body',
      `\`${sig.name}\` needs a block: \`${sig.name}(…) { … }\``,
      nameSpan,
    );
  } else if (sig.body === 'none' && st.body) {
    v.error('unexpected-step-body', `\`${sig.name}\` does not take a block`, nameSpan);
  }
}

/** Workspace steps called inside `script { }` where no agent is in effect. */
function checkScriptCalls(
  v: Validator,
  body: Parameters<typeof walkStmts>[0],
  scope: StepScope,
): void {
  if (scope.hasAgent) return;
  const calls: Array<Extract<Expr, { kind: 'call' }>> = [];
  walkStmts(body, (e) => {
    if (e.kind === 'call') calls.push(e);
  });
  // A scripted `node { }` allocates its own agent (and is reported as unsupported elsewhere).
  if (calls.some((c) => c.callee === 'node')) return;
  for (const e of calls) {
    const sig = stepSignature(e.callee);
    if (sig?.supported && sig.needsWorkspace && !v.functions.has(e.callee)) {
      noAgent(v, e.callee, headSpan(e.span, e.callee.length), scope);
    }
  }
}
