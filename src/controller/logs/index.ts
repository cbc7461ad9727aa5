/** Build logs on disk: append by chunk sequence, read by lines or bytes, tail, follow. */
export { LogStore, type LogStoreOptions } from './log-store.ts';
export type { AppendResult, AppendStatus } from './build-log.ts';
export type { LineBatch, OnEnd, OnLines } from './follow.ts';
