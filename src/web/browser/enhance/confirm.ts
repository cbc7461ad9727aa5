/** Forms with `data-confirm` ask first (cancelling a build cannot be undone). */
export function enableConfirm(doc: Document): void {
  doc.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const question = form.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
}
