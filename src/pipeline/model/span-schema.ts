/**
 * The registry that names model schemas: every schema added here becomes a
 * named `$defs` entry in docs/pipeline-model.schema.json instead of being
 * inlined at each use.
 */
import { z } from 'zod';

export const modelRegistry = z.registry<{ id: string; description?: string }>();

/** zod schema of `Span` (span.ts). */
export const SpanSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().min(1),
  col: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endCol: z.number().int().min(1),
  offset: z.number().int().min(0),
  end: z.number().int().min(0),
});
modelRegistry.add(SpanSchema, {
  id: 'Span',
  description: 'A source region: 1-based line/col, 0-based UTF-16 offsets (end exclusive).',
});
