/**
 * The log panel around the viewer: stream tabs and stage links switch the
 * stream in place (the URL follows, so it can be shared), `#L…` changes
 * jump, the search box and timestamp toggle drive the current viewer.
 * Until the reader picks a stream, the panel follows the one the server
 * marks current in its live updates — the running stage's — as long as
 * the reader is following the end of the log.
 */
import { LogSearch } from './search.ts';
import { LogViewer } from './viewer.ts';

interface StreamInfo {
  stream: string;
  base: string;
  lines: number;
  finished: boolean;
}

export function mountLogPanel(host: HTMLElement, tools: HTMLElement | null): void {
  let pinned = new URLSearchParams(location.search).has('log');
  let viewer = firstViewer(host);
  let stream = streamOf(viewer.base);
  const expose = (): void => void ((window as unknown as { rigLog?: LogViewer }).rigLog = viewer);
  expose();
  const search = tools ? wireTools(() => viewer, tools) : null;

  const switchTo = (info: StreamInfo): void => {
    viewer.destroy();
    search?.clear();
    viewer = new LogViewer(host, info.base, info.lines, info.finished);
    stream = info.stream;
    expose();
    retarget(tools, info.base);
    markCurrent(stream);
    viewer.start();
  };

  window.addEventListener('hashchange', () => viewer.goToHash());
  window.addEventListener('popstate', () => {
    const wanted = new URLSearchParams(location.search).get('log');
    const info = wanted === null ? undefined : tabInfo(wanted);
    if (info && info.stream !== stream) switchTo(info);
  });

  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    const a = (e.target as Element).closest<HTMLAnchorElement>('a[data-stream]');
    const target = a?.dataset.stream;
    const info = target === undefined ? undefined : tabInfo(target);
    if (!a || !info) return;
    e.preventDefault();
    pinned = true;
    const line = a.dataset.line === undefined ? null : Number(a.dataset.line);
    history.pushState(
      null,
      '',
      `?log=${encodeURIComponent(info.stream)}${line === null ? '' : `#L${line + 1}`}`,
    );
    if (info.stream !== stream) switchTo(info);
    if (line !== null) {
      viewer.goTo(line);
      host.closest('.log-panel')?.scrollIntoView({ block: 'start' });
    }
  });

  // Live updates replace the stream tabs: keep our mark, or move to the server's pick.
  const head = document.getElementById('stream-tabs')?.parentElement;
  if (head)
    new MutationObserver(() => {
      const suggested = document.querySelector<HTMLAnchorElement>(
        '#stream-tabs a[aria-current="true"]',
      )?.dataset.stream;
      const info = suggested === undefined ? undefined : tabInfo(suggested);
      const idle = viewer.isFollowing || viewer.store.total === 0 || stream === 'system';
      if (!pinned && info && info.stream !== stream && idle) switchTo(info);
      else markCurrent(stream);
    }).observe(head, { childList: true });
}

function firstViewer(host: HTMLElement): LogViewer {
  // The plain page the server rendered: the viewer starts from it instead of fetching it again.
  const seed = [...host.querySelectorAll<HTMLElement>('.log-lines .line')];
  const from = Number(seed[0]?.id.slice(1) ?? 1) - 1;
  const html = seed.map((l) => l.querySelector('.lt')?.innerHTML ?? '');
  const text = seed.map((l) => l.querySelector('.lt')?.textContent ?? '');
  const viewer = new LogViewer(
    host,
    host.dataset.base ?? '',
    Number(host.dataset.total ?? 0),
    host.dataset.finished === 'true',
  );
  viewer.store.seed(from, html, text);
  viewer.start();
  return viewer;
}

function tabInfo(stream: string): StreamInfo | undefined {
  const nav = document.getElementById('stream-tabs');
  const tab = [...(nav?.querySelectorAll<HTMLAnchorElement>('a[data-stream]') ?? [])].find(
    (a) => a.dataset.stream === stream,
  );
  if (!tab?.dataset.base) return undefined;
  return {
    stream,
    base: tab.dataset.base,
    lines: Number(tab.dataset.lines ?? 0),
    finished: nav?.dataset.finished === 'true',
  };
}

function streamOf(base: string): string {
  return decodeURIComponent(base.split('/').pop() ?? '');
}

function markCurrent(stream: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#stream-tabs a[data-stream]')) {
    if (a.dataset.stream === stream) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

/** The no-JavaScript fallbacks in the tools point at the current stream too. */
function retarget(tools: HTMLElement | null, base: string): void {
  const raw = tools?.querySelector<HTMLAnchorElement>('[data-raw]');
  if (raw) {
    raw.href = `${base}/raw?download=1`;
    const label = raw.querySelector('span');
    if (label) label.textContent = 'Raw';
  }
  const form = tools?.querySelector<HTMLFormElement>('form.log-search');
  if (form) form.action = `${base}/find`;
}

function wireTools(current: () => LogViewer, tools: HTMLElement): LogSearch | null {
  const form = tools.querySelector<HTMLFormElement>('form.log-search');
  const search = form
    ? new LogSearch(form, {
        get base() {
          return current().base;
        },
        hitsChanged: (hits) => current().setHits(hits),
        show: (hit) => current().showHit(hit),
      })
    : null;
  const times = document.createElement('button');
  times.type = 'button';
  times.className = 'btn btn-small';
  times.textContent = 'Timestamps';
  times.setAttribute('aria-pressed', String(current().timesShown));
  times.addEventListener('click', () => {
    current().setTimes(!current().timesShown);
    times.setAttribute('aria-pressed', String(current().timesShown));
  });
  tools.insertBefore(times, tools.lastElementChild);
  return search;
}
