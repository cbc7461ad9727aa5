/** Errors as pages: what went wrong in words, and a way back. No stack traces. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { Page } from '../components/layout.tsx';

const TITLES: Record<number, string> = {
  400: 'That request does not work',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  500: 'Something broke',
};

export function ErrorPage(props: {
  assets: Assets;
  user: SessionUser | undefined;
  status: number;
  message: string;
}): JSX.Element {
  const title = TITLES[props.status] ?? 'Error';
  return (
    <Page
      title={title}
      assets={props.assets}
      user={props.user}
      section="none"
      bodyClass="page-narrow"
    >
      <section class="card error-card">
        <h1>{title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/">Back to the builds</a>
        </p>
      </section>
    </Page>
  );
}
