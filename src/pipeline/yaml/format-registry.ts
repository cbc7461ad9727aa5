import { z } from 'zod';

export interface FormatMeta {
  id?: string;
  description?: string;
  [jsonSchemaKeyword: string]: unknown;
}

/** Names and describes the rig.yaml format schemas for docs/rig.schema.json. */
export const formatRegistry = z.registry<FormatMeta>();

/** Attaches an editor-facing description (and optionally an id, for a named `$defs` entry). */
export function doc<S extends z.ZodType>(
  schema: S,
  description: string,
  id?: string,
  extra: Record<string, unknown> = {},
): S {
  formatRegistry.add(
    schema,
    id === undefined ? { description, ...extra } : { id, description, ...extra },
  );
  return schema;
}
