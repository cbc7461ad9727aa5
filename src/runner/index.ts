/** The runner's public surface. */
export { runBuild } from './run-build.ts';
export { ReportBuilder, reportFromEvents } from './report.ts';
export { createLocalExecutorProvider } from './agents/local-provider.ts';
export { InProcessLocks } from './defaults/locks.ts';
export { MemoryStashStore } from './defaults/stashes.ts';
export type * from './api.ts';
export type * from './events.ts';
