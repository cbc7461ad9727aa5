/** Builds to look at: a repository with a fan-out pipeline, run a few times. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Harness } from './harness.ts';

// Backslashes doubled for Groovy; the shell's printf sees \033.
const colours = String.raw`printf "\\033[32mok\\033[0m compiled \\033[1;34mrig\\033[0m\\n"; printf "\\033[33mwarning:\\033[0m unused variable\\n"`;

/** A Jenkinsfile whose stages run on `linux` agents and fan out to a `kvm` one. */
export const FANOUT = `pipeline {
  agent none
  parameters {
    string(name: 'GREETING', defaultValue: 'hello', description: 'Printed by the build')
  }
  stages {
    stage('Build') {
      agent { label 'linux' }
      steps {
        sh '${colours}'
        sh 'for i in $(seq 1 30); do echo "compile unit $i"; done'
      }
    }
    stage('Test') {
      parallel {
        stage('unit') {
          agent { label 'linux' }
          steps { sh 'for i in $(seq 1 50); do echo "test $i ok"; done' }
        }
        stage('kvm') {
          agent { label 'kvm' }
          steps { sh 'echo booting vm; sleep 0.3; echo vm up' }
        }
      }
    }
  }
}
`;

/** A git repository on \`main\` holding \`Jenkinsfile\`. */
export function makeRepo(dir: string, jenkinsfile: string, name = 'repo'): string {
  const repo = join(dir, name);
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'Jenkinsfile'), jenkinsfile);
  const git = (...args: string[]): void =>
    void execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'pipeline');
  return repo;
}

export async function submit(
  h: Harness,
  repo: string,
  params: Record<string, string> = {},
): Promise<string> {
  const res = await h.controller.app.request('/api/builds', {
    method: 'POST',
    headers: { authorization: `Bearer ${h.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ repo, pipelineFile: 'Jenkinsfile', ref: 'main', params }),
  });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function waitFinished(h: Harness, id: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await h.controller.store.getBuild(id))?.status === 'finished') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`waited ${timeoutMs / 1000} s for build ${id} to finish`);
}

export async function seedBuilds(h: Harness): Promise<string[]> {
  const repo = makeRepo(h.dir, FANOUT, 'rig-demo');
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const id = await submit(h, repo);
    await waitFinished(h, id);
    ids.push(id);
  }
  return ids;
}
