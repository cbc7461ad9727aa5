/** Matrix rules: axis names and values, and excludes that refer to declared axes. */
import type { Matrix, Pipeline } from '../model/pipeline.ts';
import type { Validator } from './validator.ts';
import { rootContext, walkStages } from './walk.ts';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkMatrices(v: Validator, p: Pipeline): void {
  walkStages(p.stages, rootContext(p), (stage) => {
    if (stage.body.kind === 'matrix') checkMatrix(v, stage.body.matrix);
  });
}

function checkMatrix(v: Validator, m: Matrix): void {
  const axes = new Map<string, Set<string>>();
  for (const axis of m.axes) {
    if (!ENV_NAME.test(axis.name)) {
      v.error(
        'invalid-axis',
        `the axis name \`${axis.name}\` is not a valid environment variable name`,
        axis.span,
      );
    }
    const values = new Set<string>();
    for (const value of axis.values) {
      if (values.has(value))
        v.error(
          'duplicate-axis-value',
          `the axis \`${axis.name}\` lists \`${value}\` twice`,
          axis.span,
        );
      values.add(value);
    }
    axes.set(axis.name, values);
  }
  for (const exclude of m.excludes) {
    const named = new Set<string>();
    for (const c of exclude.conditions) {
      if (named.has(c.axis))
        v.error('duplicate-axis', `this \`exclude\` names the axis \`${c.axis}\` twice`, c.span);
      named.add(c.axis);
      const declared = axes.get(c.axis);
      if (!declared) {
        v.error(
          'unknown-axis',
          `\`exclude\` refers to the axis \`${c.axis}\`, which the matrix does not declare`,
          c.span,
          [`declared axes: ${[...axes.keys()].join(', ') || '(none)'}`],
        );
        continue;
      }
      for (const value of c.values) {
        if (!declared.has(value)) {
          v.warn(
            'unknown-axis-value',
            `\`${value}\` is not a value of the axis \`${c.axis}\`, so this condition never matches it`,
            c.span,
          );
        }
      }
    }
  }
}
