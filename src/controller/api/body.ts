/** Request bodies are validated with zod; a bad one is a 400 that says what is wrong. */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest } from '../errors.ts';

export async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    const text = await c.req.text();
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw badRequest('the body is not JSON');
  }
  const r = schema.safeParse(json);
  if (!r.success) throw badRequest(z.prettifyError(r.error));
  return r.data;
}
