import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { map, startWith, switchMap } from 'rxjs';

/** The message for a control's first error, worded like the server's validation messages. */
export function validationMessage(errors: ValidationErrors | null, label: string, patternMessage?: string): string | null {
  if (!errors) return null;
  if (errors['server']) return String(errors['server']);
  if (errors['required']) return `${label} is required.`;
  if (errors['email']) return `${label} must be a valid email address.`;
  if (errors['minlength']) return `${label} must be at least ${errors['minlength'].requiredLength} characters.`;
  if (errors['maxlength']) return `${label} must be at most ${errors['maxlength'].requiredLength} characters.`;
  if (errors['min']) return `${label} must be at least ${errors['min'].min}.`;
  if (errors['max']) return `${label} must be at most ${errors['max'].max}.`;
  if (errors['pattern']) return patternMessage ?? `${label} has characters that are not allowed.`;
  const custom = Object.values(errors).find((value) => typeof value === 'string');
  return typeof custom === 'string' ? custom : `${label} is not valid.`;
}

/**
 * Shows the message beside a field once it was touched (or the form submitted), from client-side
 * validators or from the server's problem+json (`applyProblem`). Its id is `<for>-error`, which
 * `FieldA11y` points the input's `aria-describedby` at.
 */
@Component({
  selector: 'rh-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as text) {
      <p class="field-error" [id]="for() + '-error'">{{ text }}</p>
    }
  `,
})
export class FieldError {
  readonly control = input.required<AbstractControl>();
  readonly label = input.required<string>();
  /** The id of the input this message describes. */
  readonly for = input.required<string>();
  readonly patternMessage = input<string>();

  private readonly state = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) =>
        control.events.pipe(
          startWith(null),
          map(() => (control.touched && control.invalid ? control.errors : null)),
        ),
      ),
    ),
    { initialValue: null },
  );

  readonly message = computed(() => validationMessage(this.state(), this.label(), this.patternMessage()));
}
