/**
 * `when` conditions with Jenkins' semantics (pipeline-model-definition's
 * `*Conditional` classes). One evaluator serves both the planner (facts known
 * before the run; anything else is `unknown`) and the runner (all facts
 * known; it evaluates `expression` and `equals` itself and asks this module
 * for the rest), so a plan and its run cannot disagree.
 */
import type { WhenCondition } from '../model/pipeline.ts';
import { compareWith, fullRegexMatch } from './comparator.ts';
import { describeCondition } from './when-describe.ts';

export const UNKNOWN = Symbol('unknown');
export type Tri = boolean | typeof UNKNOWN;

export interface WhenFacts {
  /** An environment variable's value, `undefined` when unset, `UNKNOWN` when only the run knows it. */
  env(name: string): string | undefined | typeof UNKNOWN;
  causes: Array<{ cause: string; detail?: string }>;
  changedFiles?: string[];
  changelog?: string[];
}

export interface Verdict {
  value: Tri;
  /** Why, in words: `branch 'main': BRANCH_NAME is 'dev'`. */
  why: string;
}

/** Evaluates a condition tree; `expression` and `equals` are unknown here. */
export function evaluateStatic(cond: WhenCondition, facts: WhenFacts): Verdict {
  switch (cond.kind) {
    case 'not': {
      const inner = evaluateStatic(cond.condition, facts);
      const value = inner.value === UNKNOWN ? UNKNOWN : !inner.value;
      return { value, why: `not (${inner.why})` };
    }
    case 'allOf':
      return combine(cond.conditions, facts, false);
    case 'anyOf':
      return combine(cond.conditions, facts, true);
    case 'expression':
    case 'equals':
      return { value: UNKNOWN, why: `${describeCondition(cond)} is evaluated at run time` };
    default:
      return evaluateLeaf(cond, facts);
  }
}

/** Kleene logic: anyOf is true if one is true, false if all are false, else unknown. */
function combine(conds: WhenCondition[], facts: WhenFacts, any: boolean): Verdict {
  const verdicts = conds.map((c) => evaluateStatic(c, facts));
  const decisive = verdicts.find((v) => v.value === any);
  if (decisive) return decisive;
  const unknown = verdicts.find((v) => v.value === UNKNOWN);
  if (unknown) return unknown;
  return { value: !any, why: verdicts.map((v) => v.why).join('; ') };
}

type Leaf = Exclude<WhenCondition, { kind: 'not' | 'allOf' | 'anyOf' | 'expression' | 'equals' }>;

/** A condition that reads only facts (no Groovy). */
export function evaluateLeaf(cond: Leaf, facts: WhenFacts): Verdict {
  const d = describeCondition(cond);
  switch (cond.kind) {
    case 'branch': {
      let branch = facts.env('BRANCH_NAME');
      if (branch === undefined || branch === '') branch = facts.env('GIT_LOCAL_BRANCH');
      if (branch === UNKNOWN) return unknownEnv(d, 'BRANCH_NAME');
      const value = branchMatches(cond.pattern, branch, (p, a) =>
        compareWith(cond.comparator, p, a),
      );
      return { value, why: `${d}: ${shown('BRANCH_NAME', branch)}` };
    }
    case 'tag':
    case 'buildingTag': {
      const tag = facts.env('TAG_NAME');
      if (tag === UNKNOWN) return unknownEnv(d, 'TAG_NAME');
      const pattern = cond.kind === 'tag' ? cond.pattern : '';
      const value = !tag
        ? false
        : !pattern
          ? true
          : compareWith(cond.kind === 'tag' ? cond.comparator : 'GLOB', pattern, tag);
      return { value, why: `${d}: ${shown('TAG_NAME', tag)}` };
    }
    case 'environment': {
      const actual = facts.env(cond.name);
      if (actual === UNKNOWN) return unknownEnv(d, cond.name);
      return { value: environmentMatches(cond, actual), why: `${d}: ${shown(cond.name, actual)}` };
    }
    case 'changeset': {
      const files = facts.changedFiles ?? [];
      const value = files.some((f) =>
        compareWith(cond.comparator, cond.pattern, f, cond.caseSensitive),
      );
      return { value, why: `${d}: ${files.length} changed file(s)` };
    }
    case 'changelog': {
      const messages = facts.changelog ?? [];
      const value = messages.some((m) => fullRegexMatch(cond.pattern, m));
      return { value, why: `${d}: ${messages.length} commit message(s)` };
    }
    case 'changeRequest':
      return changeRequestVerdict(cond, facts, d);
    case 'triggeredBy': {
      const value = facts.causes.some((c) => causeMatches(cond.cause, cond.detail, c));
      const causes = facts.causes.map((c) => c.cause).join(', ') || 'none';
      return { value, why: `${d}: causes are ${causes}` };
    }
  }
}

function branchMatches(
  pattern: string,
  actual: string | undefined,
  compare: (p: string, a: string) => boolean,
): boolean {
  if (!actual && !pattern) return true;
  if (!actual || !pattern) return false;
  return compare(pattern, actual);
}

function environmentMatches(
  cond: Extract<WhenCondition, { kind: 'environment' }>,
  actual: string | undefined,
): boolean {
  if (cond.comparator !== 'EQUALS')
    return compareWith(cond.comparator, cond.value, actual, !cond.ignoreCase);
  if (!actual && !cond.value) return true;
  if (!actual) return false;
  return cond.ignoreCase
    ? actual.toLowerCase() === cond.value.toLowerCase()
    : actual === cond.value;
}

const CHANGE_ENV: Record<string, string> = {
  id: 'CHANGE_ID',
  target: 'CHANGE_TARGET',
  branch: 'CHANGE_BRANCH',
  fork: 'CHANGE_FORK',
  title: 'CHANGE_TITLE',
  author: 'CHANGE_AUTHOR',
  authorDisplayName: 'CHANGE_AUTHOR_DISPLAY_NAME',
  authorEmail: 'CHANGE_AUTHOR_EMAIL',
  url: 'CHANGE_URL',
};

function changeRequestVerdict(
  cond: Extract<WhenCondition, { kind: 'changeRequest' }>,
  facts: WhenFacts,
  d: string,
): Verdict {
  const id = facts.env('CHANGE_ID');
  if (id === UNKNOWN) return unknownEnv(d, 'CHANGE_ID');
  if (!id) return { value: false, why: `${d}: not building a change request` };
  for (const filter of cond.filters) {
    const name = CHANGE_ENV[filter.name] ?? `CHANGE_${filter.name.toUpperCase()}`;
    const actual = facts.env(name);
    if (actual === UNKNOWN) return unknownEnv(d, name);
    if (filter.value && !compareWith(cond.comparator, filter.value, actual)) {
      return { value: false, why: `${d}: ${shown(name, actual)}` };
    }
  }
  return { value: true, why: `${d}: change request ${id}` };
}

/** Jenkins: `UserIdCause` compares the user id; other causes match `(?i)\.*CAUSE.*` on the class name. */
export function causeMatches(
  wanted: string,
  detail: string | undefined,
  actual: { cause: string; detail?: string },
): boolean {
  if (wanted === 'UserIdCause' && actual.cause === 'UserIdCause') {
    return detail === undefined || actual.detail === detail;
  }
  const escaped = wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.*${escaped}.*$`, 'i').test(actual.cause);
}

function unknownEnv(d: string, name: string): Verdict {
  return { value: UNKNOWN, why: `${d}: ${name} is only known at run time` };
}

function shown(name: string, value: string | undefined): string {
  return value === undefined || value === '' ? `${name} is not set` : `${name} is '${value}'`;
}
