/**
 * The browser side of the web UI: the log viewer island and a few small
 * enhancements. Every page works without this file; it only makes them
 * live and quicker. Bundled by scripts/build.mjs into dist/web/app.js
 * (and the stylesheets below into dist/web/app.css).
 */
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/graph.css';
import './styles/log.css';
import { enableConfirm } from './enhance/confirm.ts';
import { enableFilters } from './enhance/filter.ts';
import { enableShortcuts } from './enhance/shortcuts.ts';
import { enableTicking } from './enhance/times.ts';
import { mountLogPanel } from './log/panel.ts';

function boot(): void {
  enableTicking(document);
  enableConfirm(document);
  enableFilters(document);
  enableShortcuts(document);
  const log = document.querySelector<HTMLElement>('[data-log-viewer]');
  if (log) mountLogPanel(log, document.querySelector<HTMLElement>('[data-log-tools]'));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
