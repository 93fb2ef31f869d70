import { ChangeDetectionStrategy, Component, computed, effect, input, signal } from '@angular/core';
import type { AbstractControl, ValidationErrors } from '@angular/forms';

/**
 * The server names the field by its property (`expiresAt must be in the future`); people know it by
 * its label (`Valid until must be in the future`).
 */
export function withLabel(message: string, name: string | null, label: string): string {
  if (!name || !message.toLowerCase().startsWith(`${name.toLowerCase()} `)) return message;
  return `${label}${message.slice(name.length)}`;
}

/** The message for a control's first error, worded like the server's validation messages. */
export function validationMessage(errors: ValidationErrors | null, label: string, patternMessage?: string, name: string | null = null): string | null {
  if (!errors) return null;
  if (errors['server']) return withLabel(String(errors['server']), name, label);
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

function controlName(control: AbstractControl): string | null {
  const siblings = control.parent?.controls;
  if (!siblings) return null;
  return Object.entries(siblings).find(([, sibling]) => sibling === control)?.[0] ?? null;
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

  /** Bumped on every control event (value, status, touched), since form state is not a signal. */
  private readonly changes = signal(0);

  constructor() {
    effect((onCleanup) => {
      const subscription = this.control().events.subscribe(() => this.changes.update((n) => n + 1));
      onCleanup(() => subscription.unsubscribe());
    });
  }

  readonly message = computed(() => {
    this.changes();
    const control = this.control();
    return control.touched && control.invalid ? validationMessage(control.errors, this.label(), this.patternMessage(), controlName(control)) : null;
  });
}
