/**
 * `<input data-filter="#list">` narrows the `[data-search]` items inside the
 * target as you type: every word must appear. Live updates replace the
 * list, so the filter is applied again whenever the target changes.
 */
export function enableFilters(doc: Document): void {
  for (const input of doc.querySelectorAll<HTMLInputElement>('input[data-filter]')) {
    const target = doc.querySelector<HTMLElement>(input.dataset.filter ?? '');
    if (!target) continue;
    const apply = (): void => filter(target, input.value);
    input.addEventListener('input', apply);
    new MutationObserver(apply).observe(target, { childList: true, subtree: true });
  }
}

function filter(root: HTMLElement, query: string): void {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  for (const item of root.querySelectorAll<HTMLElement>('[data-search]')) {
    const text = (item.dataset.search ?? '').toLowerCase();
    const hide = !words.every((w) => text.includes(w));
    if (item.hidden !== hide) item.hidden = hide;
  }
}
