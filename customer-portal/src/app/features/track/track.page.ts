import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { formatMoney, formatOpeningHours, type PublicQuote } from '@repairhub/contracts';
import { ApiClient, AuthStore, ErrorState, Loading, QUOTE_STATUS_LABELS, StatusChip, StatusTimeline, readProblem } from '@repairhub/web-core';

/** Dates and money as the reader's browser formats them, not the app's default locale. */
export function readerDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** What the public page says about the quote and what the reader can do with it. */
export function quoteSummary(quote: PublicQuote, locale?: string): { total: string; detail: string; canAccept: boolean } {
  const canAccept = quote.status === 'pending';
  const detail = canAccept ? `Valid until ${readerDate(quote.expiresAt, locale)}.` : QUOTE_STATUS_LABELS[quote.status] + '.';
  return { total: formatMoney(quote.total, quote.currency, locale), detail, canAccept };
}

/**
 * The public status page behind a tracking link: status, timeline, the quote and pickup details, and
 * nothing else. No sign-in; accepting the quote does need one.
 */
@Component({
  selector: 'rh-track-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorState, Loading, RouterLink, StatusChip, StatusTimeline],
  template: `
    <div class="page">
      @if (gone()) {
        <h1>This link is not valid any more</h1>
        <section class="card stack">
          <p>The tracking link may have been replaced by a newer one, or mistyped. Ask the shop for the current link, or sign in to see all your repairs.</p>
          <p><a class="button primary" routerLink="/sign-in">Sign in</a></p>
        </section>
      } @else if (view.error(); as error) {
        <h1>Repair status</h1>
        <rh-error-state title="We couldn't load the repair’s status" [error]="error" (retry)="view.reload()" />
      } @else if (!view.hasValue()) {
        <h1 class="visually-hidden">Repair status</h1>
        <rh-loading label="Loading the repair’s status…" />
      } @else {
        @let v = view.value();
        <div class="page-head">
          <h1>Repair {{ v.ticketNumber }}</h1>
          <rh-status-chip [status]="v.status" />
        </div>
        <section class="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <rh-status-timeline [status]="v.status" [history]="v.history" />
          @if (lastUpdate(); as when) { <p class="muted updated">Last update: {{ when }}</p> }
        </section>

        @if (quote(); as q) {
          <section class="card stack" aria-labelledby="quote-heading">
            <h2 id="quote-heading">Quote</h2>
            <p class="total">{{ q.total }}</p>
            <p>{{ q.detail }}</p>
            @if (q.canAccept) {
              <p><a class="button primary" routerLink="/sign-in" [queryParams]="{ returnUrl: '/repairs' }">Sign in to accept</a></p>
              <p class="muted">Checked in at the counter with your email address? Use the link in the invitation we emailed you to set your password first.</p>
            }
          </section>
        }

        @if (v.status === 'completed') {
          <section class="card" aria-labelledby="pickup-heading">
            <h2 id="pickup-heading">Ready for pickup</h2>
            <p>Your device is repaired. Collect it at:</p>
            <address><strong>{{ v.shop.name }}</strong><br />{{ v.shop.address }}</address>
            <h3>Opening hours</h3>
            <ul class="hours">
              @for (line of hours(); track line) { <li>{{ line }}</li> }
            </ul>
          </section>
        }

        @if (!signedIn()) {
          <p class="muted">Have an account? <a routerLink="/sign-in">Sign in</a> to chat with your technician and pay online.</p>
        }
      }
    </div>
  `,
  styles: `
    h2 { margin: 0 0 .5rem; }
    p { margin: 0; }
    .updated { margin-top: .75rem; }
    .total { font-size: 1.5rem; font-weight: 700; }
    address { font-style: normal; margin-bottom: .75rem; overflow-wrap: break-word; }
    h3 { font-size: 1rem; margin: 0 0 .25rem; }
    .hours { margin: 0; padding-left: 1.25rem; }
  `,
})
export default class TrackPage {
  private readonly api = inject(ApiClient);
  readonly token = input.required<string>();

  protected readonly signedIn = inject(AuthStore).isSignedIn;
  protected readonly view = rxResource({ params: () => this.token(), stream: ({ params }) => this.api.tracking.get(params) });
  protected readonly gone = computed(() => !!this.view.error() && readProblem(this.view.error()).status === 404);
  protected readonly quote = computed(() => {
    const q = this.view.value()?.quote;
    return q ? quoteSummary(q) : null;
  });
  protected readonly lastUpdate = computed(() => {
    const history = this.view.value()?.history ?? [];
    return history.length ? readerDate(history[history.length - 1].createdAt) : null;
  });
  protected readonly hours = computed(() => formatOpeningHours(this.view.value()?.shop.openingHours ?? []));
}
