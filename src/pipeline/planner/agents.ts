/** What an `agent` asks of an executor, and how `rig plan` says it. */
import type { Agent } from '../model/pipeline.ts';
import type { ExecutorRequirement } from './types.ts';

export function requirementOf(agent: Agent): ExecutorRequirement {
  switch (agent.kind) {
    case 'none':
      return { kind: 'none' };
    case 'any':
      return { kind: 'any' };
    case 'label':
    case 'node':
      return { kind: 'any', label: agent.label };
    case 'docker':
      return { kind: 'container', image: agent.image };
    case 'dockerfile':
      return { kind: 'container', dockerfile: agent.filename };
    case 'kubernetes':
      return { kind: 'kubernetes' };
    case 'executor': {
      const req: ExecutorRequirement = { kind: 'executor', executor: agent.executor };
      if (agent.label) req.label = agent.label;
      if (agent.image) req.image = agent.image;
      return req;
    }
  }
}

export function describeAgent(agent: Agent): string {
  switch (agent.kind) {
    case 'none':
      return 'agent none';
    case 'any':
      return 'agent any';
    case 'label':
      return `agent { label '${agent.label}' }`;
    case 'node':
      return `agent { node '${agent.label}' }`;
    case 'docker':
      return `agent { docker '${agent.image}' }`;
    case 'dockerfile':
      return `agent { dockerfile '${agent.filename}' }`;
    case 'kubernetes':
      return 'agent { kubernetes }';
    case 'executor':
      return `agent { executor '${agent.executor}' }`;
  }
}

export function describeRequirement(req: ExecutorRequirement): string {
  switch (req.kind) {
    case 'none':
      return 'no machine';
    case 'any':
      return req.label ? `any machine with label '${req.label}'` : 'any machine';
    case 'container':
      return req.image
        ? `a container from image '${req.image}'`
        : `a container built from ${req.dockerfile ?? 'Dockerfile'}`;
    case 'kubernetes':
      return 'a Kubernetes pod (not supported by rig run)';
    case 'executor':
      return `the ${req.executor} executor${req.label ? ` with label '${req.label}'` : ''}${req.image ? ` (image '${req.image}')` : ''}`;
  }
}
