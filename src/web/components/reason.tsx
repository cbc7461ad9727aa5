/** A wait reason as the scheduler words it; `label expressions` in backticks show as code. */
import type { JSX } from 'hono/jsx/jsx-runtime';

export function Reason(props: { text: string; class?: string }): JSX.Element {
  const parts = props.text.split('`');
  return (
    <span class={props.class ?? 'wait-reason'}>
      {parts.map((p, i) => (i % 2 === 1 ? <code>{p}</code> : p))}
    </span>
  );
}
