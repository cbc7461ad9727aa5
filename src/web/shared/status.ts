/**
 * One vocabulary for the state of a build, stage, job or agent: a tone
 * (the colour family), a word, and an icon name. Colour is never the only
 * signal: every badge also shows the word and the icon.
 */

export type Tone = 'success' | 'failure' | 'unstable' | 'running' | 'queued' | 'neutral';

export interface StatusLook {
  tone: Tone;
  label: string;
  /** A glyph from the icon set in components/icons. */
  icon: 'check' | 'cross' | 'warn' | 'spinner' | 'clock' | 'dash' | 'stop' | 'pause';
}

const RESULTS: Record<string, StatusLook> = {
  SUCCESS: { tone: 'success', label: 'Passed', icon: 'check' },
  FAILURE: { tone: 'failure', label: 'Failed', icon: 'cross' },
  UNSTABLE: { tone: 'unstable', label: 'Unstable', icon: 'warn' },
  ABORTED: { tone: 'neutral', label: 'Cancelled', icon: 'stop' },
  NOT_BUILT: { tone: 'neutral', label: 'Not built', icon: 'dash' },
};

/** A build or stage: running and queued have no result yet. */
export function lookOf(status: string, result: string | null): StatusLook {
  if (result !== null && RESULTS[result]) return RESULTS[result];
  if (status === 'running' || status === 'assigned') return RUNNING;
  if (status === 'queued') return QUEUED;
  if (status === 'skipped') return { tone: 'neutral', label: 'Skipped', icon: 'dash' };
  if (status === 'pending') return { tone: 'neutral', label: 'Not started', icon: 'dash' };
  if (status === 'lost') return { tone: 'failure', label: 'Agent lost', icon: 'cross' };
  return { tone: 'neutral', label: status, icon: 'dash' };
}

const RUNNING: StatusLook = { tone: 'running', label: 'Running', icon: 'spinner' };
const QUEUED: StatusLook = { tone: 'queued', label: 'Queued', icon: 'clock' };

export type AgentState = 'idle' | 'busy' | 'draining' | 'quarantined' | 'offline';

export function agentLook(state: AgentState): StatusLook {
  switch (state) {
    case 'idle':
      return { tone: 'success', label: 'Idle', icon: 'check' };
    case 'busy':
      return { tone: 'running', label: 'Busy', icon: 'spinner' };
    case 'draining':
      return { tone: 'unstable', label: 'Draining', icon: 'pause' };
    case 'quarantined':
      return { tone: 'failure', label: 'Quarantined', icon: 'warn' };
    case 'offline':
      return { tone: 'neutral', label: 'Offline', icon: 'dash' };
  }
}
