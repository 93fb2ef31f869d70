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
    /* In the page flow right under the header (the outlet sits there), on every screen: a toast pushes
       the page down instead of covering the header's controls, a form's button or the chat's Send in a
       corner. Scrolled down, the browser's scroll anchoring keeps what the reader looks at in place and
       the live region still announces it. */
    .toasts { display: grid; gap: .5rem; max-width: var(--content-max); margin: 0 auto; padding: 0 var(--gutter); }
    .toasts:not(:empty) { padding-top: .75rem; }
    .toast { display: flex; gap: .75rem; align-items: start; justify-content: space-between; padding: .75rem 1rem;
      border-radius: var(--radius); background: var(--surface); color: var(--text); box-shadow: var(--shadow-lg); border-left: 4px solid var(--info); }
    .toast-success { border-left-color: var(--success); }
    .toast-error { border-left-color: var(--danger); }
  `,
})
export class ToastOutlet {
  protected readonly notifier = inject(Notifier);
}
