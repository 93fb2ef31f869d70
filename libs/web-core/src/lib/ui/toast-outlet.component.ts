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
    /* Phones: in the page flow right under the header (the outlet sits there), so a toast pushes the
       page down instead of covering the header's controls or a form's button. Wider screens: a corner. */
    .toasts { display: grid; gap: .5rem; max-width: var(--content-max); margin: 0 auto; padding: 0 var(--gutter); }
    .toasts:not(:empty) { padding-top: .75rem; }
    @media (min-width: 48rem) {
      .toasts { position: fixed; inset: auto 1rem 1rem auto; max-width: 28rem; margin: 0; padding: 0; z-index: 50; pointer-events: none; }
      .toasts:not(:empty) { padding-top: 0; }
    }
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
