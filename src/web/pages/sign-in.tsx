/** Sign in with an API token; the token becomes a session cookie, never stored in it. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Assets } from '../assets/assets.ts';
import { Page } from '../components/layout.tsx';

export function SignInPage(props: {
  assets: Assets;
  csrf: string;
  next: string;
  error?: string;
}): JSX.Element {
  return (
    <Page
      title="Sign in"
      assets={props.assets}
      user={undefined}
      section="none"
      bodyClass="page-narrow"
    >
      <section class="card sign-in" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Rig</h1>
        <p class="muted">
          Use an API token with at least the <code>read</code> scope. <code>rig serve</code> prints
          an admin token on its first start; <code>POST /api/tokens</code> makes more.
        </p>
        <form method="post" action="/sign-in" class="stack">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label for="token">API token</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            autofocus
            spellcheck={false}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'token-error' : undefined}
          />
          {props.error && (
            <p id="token-error" class="field-error" role="alert">
              {props.error}
            </p>
          )}
          <button class="btn btn-primary" type="submit">
            Sign in
          </button>
        </form>
      </section>
    </Page>
  );
}
