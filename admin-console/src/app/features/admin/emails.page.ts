import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import type { EmailStatus, EmailView } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, cursorList } from '@repairhub/web-core';

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  pending: 'Waiting to send',
  sent: 'Sent',
  failed: 'Not delivered, gave up',
  stored: 'Kept, not sent',
  skipped: 'Skipped, opted out',
};

const PAGE_SIZE = 50;

/** `quote_issued` → "Quote issued": the backend's template names read well once spaced. */
export function templateLabel(template: string): string {
  const words = template.replace(/[_.]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : template;
}

/** Admins: every email RepairHub sent, is about to send, gave up on, kept (no SMTP configured) or skipped (opted out), newest first. */
@Component({
  selector: 'rh-console-emails-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, EmptyState, ErrorState, Loading],
  template: `
    <div class="page stack">
      <div>
        <h1>Email outbox</h1>
        <p class="muted intro">
          Every email RepairHub sends is recorded here, newest first. When the mail server refuses one or cannot be reached, it is tried
          again for a day. Without a mail server configured, emails are kept here and not sent; non-essential ones are skipped for people
          who turned them off.
        </p>
      </div>

      @if (emails.first.error(); as error) {
        <rh-error-state [error]="error" (retry)="emails.first.reload()" />
      } @else if (!emails.first.hasValue()) {
        <rh-loading label="Loading emails…" />
      } @else if (emails.items().length === 0) {
        <rh-empty-state message="No emails yet. They appear here when quotes are issued, payments go through and repairs are completed." />
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">Emails, newest first</caption>
            <thead><tr><th scope="col">Created</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              @for (e of emails.items(); track e.id) {
                <tr [attr.data-email]="e.id">
                  <td><time [attr.datetime]="e.createdAt">{{ e.createdAt | date: 'MMM d, HH:mm' }}</time></td>
                  <td class="to">{{ e.to }}</td>
                  <td>{{ e.subject }}</td>
                  <td>{{ kind(e) }}<span class="muted small-text">{{ e.essential ? 'Always sent' : 'Non-essential' }}</span></td>
                  <td><span [class]="'chip email-' + e.status">{{ statusLabels[e.status] }}</span></td>
                  <td>
                    <button type="button" class="button secondary small" (click)="read(e)">Read<span class="visually-hidden"> “{{ e.subject }}” to {{ e.to }}</span></button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (emails.hasMore()) {
          <button type="button" class="button secondary more" (click)="emails.loadMore()" [disabled]="emails.loadingMore()">
            {{ emails.loadingMore() ? 'Loading…' : 'Show more' }}
          </button>
        }
      }

      <dialog #reader class="dialog reader" aria-labelledby="email-subject" (close)="open.set(null)">
        @if (open(); as e) {
          <h2 id="email-subject">{{ e.subject }}</h2>
          <dl class="facts">
            <div><dt>To</dt><dd>{{ e.to }}</dd></div>
            <div><dt>Kind</dt><dd>{{ kind(e) }} ({{ e.essential ? 'always sent' : 'non-essential' }})</dd></div>
            <div><dt>Status</dt><dd>{{ statusLabels[e.status] }}</dd></div>
            <div><dt>Created</dt><dd>{{ e.createdAt | date: 'MMM d, y, HH:mm:ss' }}</dd></div>
            @if (e.sentAt) { <div><dt>Sent</dt><dd>{{ e.sentAt | date: 'MMM d, y, HH:mm:ss' }}</dd></div> }
          </dl>
          <pre class="body" data-testid="email-text">{{ e.text }}</pre>
          <button type="button" class="button secondary" (click)="readerRef().nativeElement.close()">Close</button>
        }
      </dialog>
    </div>
  `,
  styles: `
    .intro { margin: 0; max-width: 48rem; }
    .to { white-space: nowrap; }
    .small-text { display: block; font-size: .8125rem; }
    .more { justify-self: center; }
    .email-sent { background: var(--success-soft); color: #14532d; border-color: #8fd3a6; }
    .email-stored { background: var(--primary-soft); color: #1e3a8a; border-color: var(--primary-border); }
    .email-skipped { background: var(--surface-sunken); color: #374151; border-color: #9aa5b4; }
    .email-pending { background: var(--warning-soft); color: var(--warning-text); border-color: #e7b46a; }
    .email-failed { background: var(--danger-soft); color: var(--danger-text); border-color: #f1a7a7; }
    .reader { max-width: min(44rem, calc(100vw - 2rem)); width: 100%; }
    .facts { display: grid; gap: .25rem; margin: 0 0 1rem; }
    .facts div { display: flex; gap: .5rem; }
    .facts dt { font-weight: 600; min-width: 4.5rem; }
    .facts dd { margin: 0; word-break: break-word; }
    .body { white-space: pre-wrap; word-break: break-word; font: inherit; background: var(--surface-sunken); border-radius: var(--radius); padding: .75rem 1rem; margin: 0 0 1rem; }
  `,
})
export default class EmailsPage {
  private readonly api = inject(ApiClient);
  protected readonly statusLabels = EMAIL_STATUS_LABELS;
  protected readonly open = signal<EmailView | null>(null);
  protected readonly readerRef = viewChild.required<ElementRef<HTMLDialogElement>>('reader');
  protected readonly emails = cursorList({ load: (query: { cursor?: string }) => this.api.operations.emails({ ...query, limit: PAGE_SIZE }) });

  protected kind(email: EmailView): string {
    return templateLabel(email.template);
  }

  protected read(email: EmailView): void {
    this.open.set(email);
    this.readerRef().nativeElement.showModal();
  }
}
