/**
 * The live tail: an EventSource on `…/follow?from=N`. Each `lines` event
 * carries a batch and its id is the next line number, so when the
 * connection drops the browser reconnects with `Last-Event-ID` and the
 * server resumes exactly there. `end` means the build finished.
 */
import type { FollowBatch } from '../../shared/log-api.ts';

export function followLog(
  base: string,
  from: number,
  onBatch: (batch: FollowBatch) => void,
  onEnd: () => void,
): () => void {
  const source = new EventSource(`${base}/follow?from=${from}`, { withCredentials: true });
  source.addEventListener('lines', (event) => {
    onBatch(JSON.parse((event as MessageEvent<string>).data) as FollowBatch);
  });
  source.addEventListener('end', () => {
    source.close();
    onEnd();
  });
  return () => source.close();
}
