/**
 * Runner and model types the protocol carries unchanged. The controller sees
 * the runner only through these (the import table forbids it the runner).
 */
export type { BuildEvent, BuildEventListener, LogStream } from '../runner/events.ts';
export type { BuildContext, ChangeRequest, CredentialProvider } from '../runner/api.ts';
export type { Agent, BuildResult, Pipeline } from '../pipeline/model/pipeline.ts';
