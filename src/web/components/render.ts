/** A rendered element as a string (for SSE fragments); our components never suspend, but the type allows it. */
import type { JSX } from 'hono/jsx/jsx-runtime';

export async function render(el: JSX.Element): Promise<string> {
  return String(await el);
}
