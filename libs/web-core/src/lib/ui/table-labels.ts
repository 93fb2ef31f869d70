import { DestroyRef, afterNextRender, inject } from '@angular/core';

/** Gives each body cell of `table.table` its column header as `data-label` (shown on phones). */
export function labelCells(root: ParentNode): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table.table')) {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    for (const row of table.tBodies[0]?.rows ?? []) {
      [...row.cells].forEach((cell, index) => {
        const label = headers[index] ?? '';
        if (cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
      });
    }
  }
}

/**
 * Keeps the cells of every table under `#main` labelled as rows come and go, so the phone layout in
 * base.css can print "Customer: …" without each template repeating its headers. Call from the root
 * component's constructor.
 */
export function labelTableCellsOnPhones(): void {
  const destroyRef = inject(DestroyRef);
  afterNextRender(() => {
    const main = document.getElementById('main');
    if (!main) return;
    labelCells(main);
    const observer = new MutationObserver(() => labelCells(main));
    observer.observe(main, { childList: true, subtree: true });
    destroyRef.onDestroy(() => observer.disconnect());
  });
}
