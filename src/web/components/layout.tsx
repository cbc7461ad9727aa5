/**
 * Every page's frame: landmarks (banner, navigation, main), a skip link,
 * the stylesheet and scripts with hashed URLs, and the CSRF token for the
 * island's requests. Pages work without the scripts; they only enhance.
 */
import type { Child } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { raw } from 'hono/html';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { CsrfField } from './forms.tsx';

export type Section = 'dashboard' | 'queue' | 'agents' | 'none';

export interface PageFrame {
  title: string;
  assets: Assets;
  user: SessionUser | undefined;
  section: Section;
  children?: Child;
  /** Extra class on <body>, for page-specific layout (e.g. the log page fills the screen). */
  bodyClass?: string;
}

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%232f6fde'/%3E%3Cpath d='M4 12V4h4.5a2.5 2.5 0 0 1 0 5H4m4.5 0L12 12' stroke='white' stroke-width='1.8' fill='none'/%3E%3C/svg%3E";

export function Page(props: PageFrame): JSX.Element {
  const { assets } = props;
  const css = assets.url('app.css');
  const app = assets.url('app.js');
  const htmx = assets.url('htmx.js');
  const sse = assets.url('htmx-sse.js');
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          {props.user && <meta name="csrf-token" content={props.user.csrf} />}
          <meta name="htmx-config" content='{"defaultSwap":"innerMorph"}' />
          <title>{`${props.title} · Rig`}</title>
          <link rel="icon" href={FAVICON} />
          {css && <link rel="stylesheet" href={css} />}
          {htmx && <script src={htmx} defer></script>}
          {htmx && sse && <script src={sse} defer></script>}
          {app && <script src={app} type="module"></script>}
        </head>
        <body class={props.bodyClass}>
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <TopBar user={props.user} section={props.section} />
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

function TopBar(props: { user: SessionUser | undefined; section: Section }): JSX.Element {
  const link = (href: string, section: Section, label: string): JSX.Element => (
    <a href={href} aria-current={props.section === section ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <header class="topbar">
      <a class="brand" href="/">
        <span class="brand-mark" aria-hidden="true">
          R
        </span>
        <span>Rig</span>
      </a>
      {props.user && (
        <nav aria-label="Main">
          {link('/', 'dashboard', 'Builds')}
          {link('/queue', 'queue', 'Queue')}
          {link('/agents', 'agents', 'Agents')}
        </nav>
      )}
      {props.user && (
        <form class="whoami" method="post" action="/sign-out">
          <CsrfField user={props.user} />
          <span class="whoami-name" title="Signed in with this API token">
            {props.user.name}
          </span>
          <button class="btn btn-quiet btn-small" type="submit">
            Sign out
          </button>
        </form>
      )}
    </header>
  );
}
