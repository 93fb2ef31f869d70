import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Notifier } from './notifier';

@Component({
  selector: 'rh-toast-outlet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toasts" aria-live="polite" aria-relevant="additions">
      @for (toast of notifier.toasts(); track toast.id) {
        <div class="toast" [class]="'toast toast-' + toast.kind" [attr.role]="toast.kind === 'error' ? 'alert' : 'status'">
          <span>{{ toast.text }}</span>
          <button type="button" class="icon-button" (click)="notifier.dismiss(toast.id)" aria-label="Dismiss notification">×</button>
        </div>
      }
    </div>
  `,
  styles: `
    /* Top of the screen on phones, where a bottom toast would cover the form's main button. */
    .toasts { position: fixed; inset: .5rem .5rem auto .5rem; display: grid; gap: .5rem; z-index: 50; pointer-events: none; }
    @media (min-width: 48rem) { .toasts { inset: auto 1rem 1rem auto; max-width: 28rem; } }
    .toast { pointer-events: auto; }
    .toast { display: flex; gap: .75rem; align-items: start; justify-content: space-between; padding: .75rem 1rem;
      border-radius: var(--radius); background: var(--surface); color: var(--text); box-shadow: var(--shadow-lg); border-left: 4px solid var(--info); }
    .toast-success { border-left-color: var(--success); }
    .toast-error { border-left-color: var(--danger); }
  `,
})
export class ToastOutlet {
  protected readonly notifier = inject(Notifier);
}
