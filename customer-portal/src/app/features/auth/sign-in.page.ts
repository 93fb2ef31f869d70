import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { UserView } from '@repairhub/contracts';
import { SignInForm } from '@repairhub/web-core';
import { safeReturnUrl } from '../../core/return-url';

@Component({
  selector: 'rh-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SignInForm],
  template: `
    <div class="page narrow">
      <h1>Sign in</h1>
      @if (expired()) {
        <p class="notice" role="status">Your session ended. Sign in again to continue where you were.</p>
      }
      <rh-sign-in-form (signedIn)="signedIn($event)" />
      <p>New to RepairHub? <a routerLink="/sign-up" [queryParams]="returnUrl() ? { returnUrl: returnUrl() } : {}">Create an account</a></p>
    </div>
  `,
  styles: `
    .narrow { max-width: 28rem; }
    .notice { background: var(--warning-soft); color: var(--warning-text); padding: .75rem 1rem; border-radius: var(--radius); margin: 0; }
  `,
})
export default class SignInPage {
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

  protected signedIn(user: UserView): void {
    if (user.role !== 'customer') {
      // Staff work in the console; the session cookie is shared, so they arrive signed in.
      window.location.assign('/console/');
      return;
    }
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), '/repairs'));
  }
}
