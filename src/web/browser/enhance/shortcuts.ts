/** `/` jumps to the page's search box (the log's on a build page), as on most code hosts. */
export function enableShortcuts(doc: Document): void {
  doc.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const active = doc.activeElement;
    if (
      active instanceof HTMLInputElement ||
      active instanceof HTMLTextAreaElement ||
      active instanceof HTMLSelectElement
    )
      return;
    const box = doc.querySelector<HTMLInputElement>('[role="search"] input[type="search"]');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
}
