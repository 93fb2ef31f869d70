import { DestroyRef, Directive, ElementRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NgControl } from '@angular/forms';
import { startWith } from 'rxjs';

/**
 * Marks a form control's input `aria-invalid` and points `aria-describedby` at its `rh-field-error`
 * (id `<input id>-error`) while the error shows, so screen readers announce the message with the field.
 */
@Directive({
  selector: 'input[formControlName], textarea[formControlName], select[formControlName], input[formControl], textarea[formControl], select[formControl]',
  host: {
    '[attr.aria-invalid]': 'invalid() ? "true" : null',
    '[attr.aria-describedby]': 'describedBy()',
  },
})
export class FieldA11y {
  private readonly ngControl = inject(NgControl, { self: true });
  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly hint = this.element.nativeElement.getAttribute('aria-describedby');
  protected readonly invalid = signal(false);
  protected readonly describedBy = signal<string | null>(this.hint);

  constructor() {
    const destroyRef = inject(DestroyRef);
    queueMicrotask(() => {
      const control = this.ngControl.control;
      if (!control) return;
      control.events.pipe(startWith(null), takeUntilDestroyed(destroyRef)).subscribe(() => {
        const invalid = control.touched && control.invalid;
        this.invalid.set(invalid);
        const id = this.element.nativeElement.id;
        const ids = [this.hint, invalid && id ? `${id}-error` : null].filter(Boolean);
        this.describedBy.set(ids.length ? ids.join(' ') : null);
      });
    });
  }
}
