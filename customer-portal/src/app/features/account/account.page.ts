import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { AccountDetails, ApiClient, ErrorState, Loading, PasswordSection, readProblem } from '@repairhub/web-core';

/** The customer's account: who is signed in, which emails they get, and their password. */
@Component({
  selector: 'rh-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccountDetails, ErrorState, Loading, PasswordSection],
  template: `
    <div class="page">
      <h1>Account</h1>

      <rh-account-details />

      <section class="card" aria-labelledby="email-heading">
        <h2 id="email-heading">Emails</h2>
        <p id="essential-note">We always email you about quotes, payments and a finished repair, so you never miss what needs your answer.</p>
        @if (preferences.error(); as error) {
          <rh-error-state title="We couldn't load your email settings" [error]="error" (retry)="preferences.reload()" />
        } @else if (!preferences.hasValue()) {
          <rh-loading label="Loading your email settings…" />
        } @else {
          <div class="choice">
            <input
              id="non-essential"
              type="checkbox"
              [checked]="preferences.value().emailNonEssential"
              [attr.aria-disabled]="saving() || null"
              aria-describedby="non-essential-help essential-note"
              (click)="holdWhileSaving($event)"
              (change)="save($any($event.target))"
            />
            <div>
              <label for="non-essential">Email me reminders and other non-essential updates</label>
              <p id="non-essential-help" class="help">Reminders about quotes waiting for your answer. You can change this at any time.</p>
            </div>
          </div>
        }
        <p class="status" role="status">{{ saving() ? 'Saving…' : saved() }}</p>
        @if (error(); as message) { <p class="form-error" role="alert">{{ message }}</p> }
      </section>

      <rh-password-section />
    </div>
  `,
  styles: `
    h2 { font-size: 1.125rem; }
    .choice { display: flex; gap: .75rem; align-items: start; }
    .choice input { width: 1.25rem; height: 1.25rem; margin: .15rem 0 0; flex: none; }
    .choice label { font-weight: 600; }
    .help { font-size: .875rem; color: var(--text-muted); margin: .125rem 0 0; }
    .status { margin: .75rem 0 0; color: var(--text-muted); }
  `,
})
export default class AccountPage {
  private readonly api = inject(ApiClient);
  protected readonly saving = signal(false);
  protected readonly saved = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly preferences = rxResource({ stream: () => this.api.preferences.get() });

  /** The box stays enabled (and focused) while saving, but does not change until the server answered. */
  protected holdWhileSaving(event: Event): void {
    if (this.saving()) event.preventDefault();
  }

  protected save(box: HTMLInputElement): void {
    const wanted = box.checked;
    this.saving.set(true);
    this.saved.set('');
    this.error.set(null);
    this.api.preferences.update({ emailNonEssential: wanted }).subscribe({
      next: (preferences) => {
        this.saving.set(false);
        this.preferences.set(preferences);
        this.saved.set(preferences.emailNonEssential ? 'Saved. We will also email you reminders.' : 'Saved. We will only email you what is essential.');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        box.checked = !wanted;
        this.error.set(`Your choice was not saved. ${readProblem(error).message}`);
      },
    });
  }
}
