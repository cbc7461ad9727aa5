/** `when` conditions as short text for `rig plan`, skip reasons and logs. */
import type { Comparator, WhenCondition } from '../model/pipeline.ts';

export function describeCondition(cond: WhenCondition): string {
  switch (cond.kind) {
    case 'branch':
      return `branch '${cond.pattern}'${comparatorSuffix(cond.comparator, 'GLOB')}`;
    case 'tag':
      return `tag '${cond.pattern}'${comparatorSuffix(cond.comparator, 'GLOB')}`;
    case 'buildingTag':
      return 'buildingTag()';
    case 'environment':
      return `environment name: '${cond.name}', value: '${cond.value}'${cond.ignoreCase ? ', ignoreCase: true' : ''}`;
    case 'equals':
      return 'equals expected: …, actual: …';
    case 'expression':
      return 'expression { … }';
    case 'changeset':
      return `changeset '${cond.pattern}'${comparatorSuffix(cond.comparator, 'GLOB')}`;
    case 'changelog':
      return `changelog '${cond.pattern}'`;
    case 'changeRequest': {
      const filters = cond.filters.map((f) => `${f.name}: '${f.value}'`).join(', ');
      return filters ? `changeRequest ${filters}` : 'changeRequest()';
    }
    case 'triggeredBy':
      return `triggeredBy '${cond.cause}'${cond.detail ? `, detail: '${cond.detail}'` : ''}`;
    case 'not':
      return `not { ${describeCondition(cond.condition)} }`;
    case 'allOf':
      return `allOf { ${cond.conditions.map(describeCondition).join('; ')} }`;
    case 'anyOf':
      return `anyOf { ${cond.conditions.map(describeCondition).join('; ')} }`;
  }
}

function comparatorSuffix(comparator: Comparator, defaultComparator: Comparator): string {
  return comparator === defaultComparator ? '' : `, comparator: '${comparator}'`;
}
