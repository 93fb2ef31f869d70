import { afterNextRender, type Injector } from '@angular/core';

/** Focuses the first field `FieldA11y` marked invalid under `root`; false when there is none. */
export function focusFirstInvalid(root: ParentNode): boolean {
  const field = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  field?.focus();
  return !!field;
}

/**
 * Once the view has rendered the change, moves focus to what changed (a new item, a heading, a
 * confirmation). Elements that are not focusable by themselves get `tabindex="-1"`.
 */
export function focusAfterRender(injector: Injector, target: () => HTMLElement | null | undefined): void {
  afterNextRender(
    () => {
      const element = target();
      if (!element) return;
      if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.tabIndex = -1;
      element.focus();
    },
    { injector },
  );
}
