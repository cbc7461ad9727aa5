/**
 * Matrix expansion as Jenkins does it (RuntimeASTTransformer.expandAxes and
 * filterExcludes): the cartesian product of the axes, where the *last* axis
 * varies slowest, minus every cell that matches all conditions of some
 * `exclude` (`values` = the cell's value is listed, `notValues` = it is not).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { error } from '../diagnostics/diagnostic.ts';
import type { Matrix, MatrixExclude, Stage } from '../model/pipeline.ts';

export type Cell = Array<{ axis: string; value: string }>;

export interface MatrixExpansion {
  cells: Cell[];
  excluded: Cell[];
  diagnostics: Diagnostic[];
}

export function expandMatrix(matrix: Matrix): MatrixExpansion {
  let combos: Cell[] = [[]];
  for (const axis of matrix.axes) {
    const next: Cell[] = [];
    for (const value of axis.values) {
      for (const combo of combos) next.push([...combo, { axis: axis.name, value }]);
    }
    combos = next;
  }
  const diagnostics = checkExcludes(matrix);
  const excluded = combos.filter((cell) => matrix.excludes.some((ex) => excludes(ex, cell)));
  const cells = combos.filter((cell) => !excluded.includes(cell));
  return { cells, excluded, diagnostics };
}

function excludes(exclude: MatrixExclude, cell: Cell): boolean {
  return exclude.conditions.every((cond) => {
    const value = cell.find((c) => c.axis === cond.axis)?.value;
    const listed = value !== undefined && cond.values.includes(value);
    return cond.negate ? !listed : listed;
  });
}

function checkExcludes(matrix: Matrix): Diagnostic[] {
  const names = new Set(matrix.axes.map((a) => a.name));
  const out: Diagnostic[] = [];
  for (const ex of matrix.excludes) {
    for (const cond of ex.conditions) {
      if (!names.has(cond.axis)) {
        out.push(
          error(
            'matrix-unknown-axis',
            `exclude names axis '${cond.axis}', which this matrix does not have`,
            cond.span,
            [`axes: ${[...names].join(', ')}`],
          ),
        );
      }
    }
  }
  return out;
}

/** `OS=linux, ARCH=amd64`: the cell's stage name and path segment. */
export function cellName(cell: Cell): string {
  return cell.map((c) => `${c.axis}=${c.value}`).join(', ');
}

/** The stage Jenkins generates for one cell: the matrix's directives around its stages. */
export function cellStage(matrix: Matrix, cell: Cell): Stage {
  return {
    name: cellName(cell),
    agent: matrix.agent,
    options: matrix.options,
    environment: matrix.environment,
    tools: matrix.tools,
    when: matrix.when,
    input: matrix.input,
    failFast: false,
    body: { kind: 'stages', stages: matrix.stages, span: matrix.span },
    post: matrix.post,
    span: matrix.span,
  };
}
