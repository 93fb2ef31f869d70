import { DestroyRef, Directive, ElementRef, Renderer2, afterNextRender, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NgControl } from '@angular/forms';
import { startWith } from 'rxjs';

/**
 * Marks a form control's input `aria-invalid` and points `aria-describedby` at its `rh-field-error`
 * (id `<input id>-error`) while the error shows, so screen readers announce the message with the
 * field. Attributes are written directly: form state changes are not signals and may happen
 * outside change detection (a server error arriving later).
 */
@Directive({
  selector:
    'input[formControlName], textarea[formControlName], select[formControlName], input[formControl], textarea[formControl], select[formControl]',
})
export class FieldA11y {
  private readonly ngControl = inject(NgControl, { self: true });
  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly renderer = inject(Renderer2);
  /** A hint the template described the field with; kept first. */
  private readonly hint = this.element.getAttribute('aria-describedby');

  constructor() {
    const destroyRef = inject(DestroyRef);
    // `formControlName` resolves its control when its inputs are first set, after this constructor.
    afterNextRender(() => {
      const control = this.ngControl.control;
      if (!control) return;
      control.events.pipe(startWith(null), takeUntilDestroyed(destroyRef)).subscribe(() => this.update(control.touched && control.invalid));
    });
  }

  private update(invalid: boolean): void {
    const id = this.element.id;
    const ids = [this.hint, invalid && id ? `${id}-error` : null].filter(Boolean).join(' ');
    if (invalid) this.renderer.setAttribute(this.element, 'aria-invalid', 'true');
    else this.renderer.removeAttribute(this.element, 'aria-invalid');
    if (ids) this.renderer.setAttribute(this.element, 'aria-describedby', ids);
    else this.renderer.removeAttribute(this.element, 'aria-describedby');
  }
}
