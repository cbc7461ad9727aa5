import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StageView } from '../../controller/api/read-models.ts';
import { buildGraph, inferTree } from './graph.ts';
import type { GraphNode, Skeleton } from './graph.ts';

function stage(
  path: string,
  startedAt: number,
  durationMs: number | null,
  agent: string | null = null,
): StageView {
  const slash = path.lastIndexOf('/');
  return {
    path,
    name: path.slice(slash + 1),
    parent: slash === -1 ? null : path.slice(0, slash),
    status: durationMs === null ? 'running' : 'finished',
    result: durationMs === null ? null : 'SUCCESS',
    startedAt,
    durationMs,
    skipped: null,
    stream: 'j1',
    line: startedAt,
    agent,
  };
}

const shape = (nodes: GraphNode[]): unknown =>
  nodes.map((n) => ({ name: n.name, kind: n.kind, status: n.status, children: shape(n.children) }));

describe('stage graph', () => {
  it('tells parallel branches (overlapping) from sequential stages (one after another)', () => {
    const tree = inferTree([
      stage('Build', 0, 10),
      stage('Test', 10, 50),
      stage('Test/unit', 11, 20, 'linux-1'),
      stage('Test/kvm', 11, 40, 'kvm-1'),
      stage('Deploy', 60, 10),
      stage('Deploy/stage', 61, 3),
      stage('Deploy/prod', 64, 5),
    ]);
    assert.deepEqual(shape(tree), [
      { name: 'Build', kind: 'steps', status: 'finished', children: [] },
      {
        name: 'Test',
        kind: 'parallel',
        status: 'finished',
        children: [
          { name: 'unit', kind: 'steps', status: 'finished', children: [] },
          { name: 'kvm', kind: 'steps', status: 'finished', children: [] },
        ],
      },
      {
        name: 'Deploy',
        kind: 'sequential',
        status: 'finished',
        children: [
          { name: 'stage', kind: 'steps', status: 'finished', children: [] },
          { name: 'prod', kind: 'steps', status: 'finished', children: [] },
        ],
      },
    ]);
    assert.equal(tree[1]?.children[1]?.agent, 'kvm-1');
  });

  it('recognises matrix cells by their axis-value names', () => {
    const tree = inferTree([
      stage('Matrix', 0, null),
      stage('Matrix/OS=linux, ARCH=amd64', 1, null),
      stage('Matrix/OS=linux, ARCH=amd64/Build', 1, 5),
      stage('Matrix/OS=linux, ARCH=arm64', 1, null),
    ]);
    assert.equal(tree[0]?.kind, 'matrix');
    assert.deepEqual(
      tree[0]?.children.map((c) => c.kind),
      ['cell', 'cell'],
    );
  });

  it('hangs stages whose parent never started (a scoped job) from the nearest one that did', () => {
    const tree = inferTree([stage('Test/kvm/boot', 0, 5)]);
    assert.equal(tree[0]?.path, 'Test/kvm/boot');
  });

  it('shows planned stages as pending until they start, and unplanned ones after', () => {
    const skeleton: Skeleton[] = [
      { name: 'Build', path: 'Build', kind: 'steps', children: [] },
      {
        name: 'Test',
        path: 'Test',
        kind: 'parallel',
        children: [
          { name: 'unit', path: 'Test/unit', kind: 'steps', children: [] },
          { name: 'kvm', path: 'Test/kvm', kind: 'steps', children: [] },
        ],
      },
    ];
    const graph = buildGraph(
      [stage('Build', 0, 5), stage('Test/unit', 6, null), stage('Extra', 9, null)],
      skeleton,
    );
    assert.deepEqual(
      graph.map((n) => [n.name, n.status]),
      [
        ['Build', 'finished'],
        ['Test', 'running'],
        ['Extra', 'running'],
      ],
    );
    assert.equal(graph[1]?.children[1]?.status, 'pending');
    assert.equal(graph[1]?.children[1]?.stream, null);
  });
});
