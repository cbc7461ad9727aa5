/**
 * The import table of docs/architecture.md, enforced. Keep the two in step.
 * Each rule forbids a direction the architecture does not allow.
 */
const ours = '^src/';
module.exports = {
  forbidden: [
    {
      name: 'pipeline-is-pure',
      comment:
        'The pipeline language (front ends, model, planner) imports nothing of ours and no Node I/O.',
      severity: 'error',
      from: { path: '^src/pipeline/' },
      to: {
        pathNot: ['^src/pipeline/', '(^|/)node_modules/(zod|yaml)/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'pipeline-no-node-builtins',
      severity: 'error',
      from: { path: '^src/pipeline/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'util-is-a-leaf',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: ours, pathNot: '^src/util/' },
    },
    {
      name: 'reports-is-a-leaf',
      comment:
        'Test-report parsing is shared by the runner and the controller; it imports neither.',
      severity: 'error',
      from: { path: '^src/reports/' },
      to: { path: ours, pathNot: '^src/(reports|util)/' },
    },
    {
      name: 'executors-below-runner',
      comment:
        'Executors implement the contract; they never reach up into the runner, agent or controller.',
      severity: 'error',
      from: { path: '^src/executors/' },
      to: { path: '^src/(runner|agent|controller|web|cli)/' },
    },
    {
      name: 'runner-no-servers',
      comment: 'The runner is the engine rig run, the agent and tests share; it knows no server.',
      severity: 'error',
      from: { path: '^src/runner/' },
      to: { path: '^src/(agent|controller|web|cli)/' },
    },
    {
      name: 'runner-uses-executor-contract-only',
      comment:
        'The runner sees executors through the contract; the CLI or agent picks the implementation.',
      severity: 'error',
      from: { path: '^src/runner/' },
      to: { path: '^src/executors/', pathNot: '^src/executors/contract' },
    },
    {
      name: 'protocol-is-shared-vocabulary',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: {
        path: '^src/(runner|executors|agent|controller|web|cli)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'agent-never-imports-controller',
      severity: 'error',
      from: { path: '^src/agent/' },
      to: { path: '^src/(controller|web|cli)/' },
    },
    {
      name: 'controller-never-imports-agent',
      comment:
        'The controller talks to agents only through the protocol; rig serve wires a local agent in the CLI.',
      severity: 'error',
      from: { path: '^src/controller/' },
      to: { path: '^src/(agent|cli|executors)/' },
    },
    {
      name: 'web-below-cli',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(agent|cli|executors|runner)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'browser-code-has-no-node',
      comment: 'Code shipped to the browser cannot import Node built-ins or server modules.',
      severity: 'error',
      from: { path: '^src/web/browser/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-code-stays-in-browser',
      severity: 'error',
      from: { path: '^src/web/browser/' },
      to: { path: ours, pathNot: ['^src/web/browser/', '^src/web/shared/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
