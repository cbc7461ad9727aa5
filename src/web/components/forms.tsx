/** Pieces every form shares: the CSRF field, buttons that post. */
import type { Child } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { SessionUser } from '../auth/session.ts';

export function CsrfField(props: { user: SessionUser }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.user.csrf} />;
}

/** A one-button form: works without JavaScript, guarded by CSRF like every action. */
export function PostButton(props: {
  user: SessionUser;
  action: string;
  class?: string;
  confirm?: string;
  children: Child;
  fields?: Record<string, string>;
}): JSX.Element {
  return (
    <form method="post" action={props.action} class="inline-form" data-confirm={props.confirm}>
      <CsrfField user={props.user} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={props.class ?? 'btn'}>
        {props.children}
      </button>
    </form>
  );
}
