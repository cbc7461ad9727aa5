/** Queueing a build by hand (API, `rig submit`). */
import { basename } from 'node:path';
import { z } from 'zod';
import { newId } from '../../ids.ts';
import type { BuildRecord, ProjectRecord } from '../../store/records.ts';
import type { ApiDeps } from '../deps.ts';

export const triggerBody = z.object({
  ref: z.string().optional(),
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  params: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
  pipelineFile: z.string().optional(),
});

export async function queueBuild(
  deps: ApiDeps,
  project: ProjectRecord,
  body: z.infer<typeof triggerBody>,
  who: string,
  extra: { rebuildOf?: string } = {},
): Promise<BuildRecord> {
  const ref = body.ref ?? project.defaultBranch;
  return deps.scheduler.enqueue(
    {
      projectId: project.id,
      repoUrl: project.repoUrl,
      pipelineFile: body.pipelineFile ?? project.pipelineFile,
      ref,
      commit: body.commit ?? null,
      params: body.params,
      causes: [{ cause: extra.rebuildOf ? 'RebuildCause' : 'UserIdCause', detail: who }],
      ...(extra.rebuildOf ? { rebuildOf: extra.rebuildOf } : {}),
    },
    `${extra.rebuildOf ? 'rebuild' : 'started'} by ${who}, ref ${ref}`,
  );
}

/** `rig submit --repo X` without a project: the repository gets a project of its own, made once. */
export async function projectForRepo(
  deps: ApiDeps,
  repo: string,
  pipelineFile: string,
): Promise<ProjectRecord> {
  const existing = (await deps.store.listProjects()).find(
    (p) => p.repoUrl === repo && p.pipelineFile === pipelineFile,
  );
  if (existing) return existing;
  const base =
    basename(repo)
      .replace(/\.git$/, '')
      .replace(/[^A-Za-z0-9._-]/g, '-') || 'repo';
  let name = base;
  for (let i = 2; await deps.store.getProject(name); i++) name = `${base}-${i}`;
  return deps.store.createProject({
    id: newId('p'),
    name,
    repoUrl: repo,
    pipelineFile,
    branchFilters: [],
    defaultBranch: 'HEAD',
    webhookSecret: null,
    statusRepo: null,
    statusCredentialId: null,
  });
}
