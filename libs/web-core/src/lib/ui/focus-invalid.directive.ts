import { DestroyRef, Directive, ElementRef, Injector, afterNextRender, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroupDirective } from '@angular/forms';
import { focusFirstInvalid } from './focus';

/**
 * After a submit the form refuses (or the server answers with field errors), moves focus to the
 * first field marked invalid, so the keyboard and the screen reader land on what needs fixing
 * rather than staying on the submit button. Fields are marked by `FieldA11y` (`aria-invalid`).
 */
@Directive({ selector: 'form[formGroup]' })
export class FocusInvalid {
  private readonly element = inject<ElementRef<HTMLFormElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  /** A valid submit went to the server: its field errors, if any, arrive as a status change. */
  private awaitingServer = false;

  constructor() {
    const group = inject(FormGroupDirective, { self: true });
    const destroyRef = inject(DestroyRef);
    group.ngSubmit.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      this.awaitingServer = false;
      afterNextRender(
        () => {
          if (group.form.invalid) focusFirstInvalid(this.element);
          else this.awaitingServer = true;
        },
        { injector: this.injector },
      );
    });
    afterNextRender(() => {
      group.form.statusChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((status) => {
        if (!this.awaitingServer || status !== 'INVALID') return;
        this.awaitingServer = false;
        afterNextRender(() => focusFirstInvalid(this.element), { injector: this.injector });
      });
    });
  }
}
