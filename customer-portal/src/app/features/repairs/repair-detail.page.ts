import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { FINAL_REPAIR_STATUSES, nextRepairStatuses, type QuoteView, type RepairStatus } from '@repairhub/contracts';
import {
  ApiClient,
  ChatConnection,
  ChatPanel,
  RepairAttachments,
  ErrorState,
  Loading,
  Notifier,
  StatusChip,
  StatusTimeline,
  URGENCY_LABELS,
  readProblem,
  TrackingLink,
} from '@repairhub/web-core';
import { PaymentsCard } from './payments-card.component';
import { PickupCard } from './pickup-card.component';
import { DropOffCard } from './drop-off-card.component';
import { QuotePanel } from './quote-panel.component';

const APPROVAL_POLL_MS = 1500;
const APPROVAL_POLL_LIMIT = 40;

@Component({
  selector: 'rh-repair-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DatePipe, StatusChip, StatusTimeline, QuotePanel, PaymentsCard, PickupCard, DropOffCard, ChatPanel, RepairAttachments, TrackingLink, Loading, ErrorState],
  template: `
    <div class="page">
      <p class="back"><a routerLink="/repairs">← My repairs</a></p>
      @if (repair.isLoading() && !repair.hasValue()) {
        <h1 class="visually-hidden">Repair</h1>
        <rh-loading label="Loading the repair…" />
      } @else if (repair.error()) {
        <h1>Repair</h1>
        <rh-error-state [title]="notFound() ? 'Repair not found' : 'We couldn\\'t load this repair'" [error]="repair.error()" [retryable]="!notFound()" (retry)="repair.reload()" />
      } @else if (repair.hasValue()) {
        @let r = repair.value();
        <p class="muted ticket">Repair {{ r.ticketNumber }}</p>
        <div class="page-head">
          <h1>{{ r.deviceLabel }}</h1>
          <rh-status-chip [status]="r.status" />
        </div>

        <section class="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading" class="visually-hidden">Progress</h2>
          <rh-status-timeline [status]="r.status" [history]="r.history" />
        </section>

        @if (awaitingApproval()) {
          <p class="notice" role="status"><span class="spinner" aria-hidden="true"></span> Payment received. Approving your repair…</p>
        }

        @if (r.status === 'completed') {
          <rh-pickup-card />
        }

        @if (!finalStatus(r.status)) {
          <rh-drop-off-card [repairId]="r.id" [dropOff]="r.dropOff" (changed)="repair.reload()" />
        }

        @if (r.payments.length) {
          <rh-payments-card [payments]="r.payments" />
        }

        @if (currentQuote(); as quote) {
          <rh-quote-panel [quote]="quote" [repairStatus]="r.status" [refunded]="quoteRefunded()" (changed)="repair.reload()" (paid)="onPaid()" />
        } @else if (r.status === 'submitted') {
          <section class="card"><h2>Quote</h2><p class="muted">No quote yet. A technician will review your request and send one here — you'll see it without reloading.</p></section>
        }

        <section class="card details" aria-labelledby="details-heading">
          <h2 id="details-heading">Request</h2>
          <dl>
            <div><dt>Device</dt><dd>{{ r.device.brand }} {{ r.device.model }}@if (r.device.hasSerial) { · serial {{ r.device.serialNumber }} }</dd></div>
            <div><dt>Urgency</dt><dd>{{ urgencyLabels[r.urgency] }}</dd></div>
            <div><dt>Submitted</dt><dd><time [attr.datetime]="r.createdAt">{{ r.createdAt | date: 'MMM d, y, HH:mm' }}</time></dd></div>
            @if (r.assignedTechnicianName) {
              <div><dt>Technician</dt><dd>{{ r.assignedTechnicianName }}</dd></div>
            }
          </dl>
          <h3>Problem description</h3>
          <p class="issue">{{ r.issueDescription }}</p>
          @if (canCancel()) {
            @if (confirmingCancel()) {
              <div class="row" role="group" aria-label="Cancel this repair request?">
                <span>Cancel this request? This can't be undone.</span>
                <button type="button" class="button danger" (click)="cancel()" [disabled]="cancelling()">{{ cancelling() ? 'Cancelling…' : 'Cancel request' }}</button>
                <button type="button" class="button secondary" (click)="confirmingCancel.set(false)">Keep it</button>
              </div>
            } @else {
              <button type="button" class="button secondary" (click)="confirmingCancel.set(true)">Cancel this request</button>
            }
          }
        </section>

        <section class="card" aria-labelledby="tracking-heading">
          <h2 id="tracking-heading">Status link</h2>
          <rh-tracking-link [repairId]="r.id" [url]="r.trackingUrl" help="Anyone with this link sees the repair’s status, quote and pickup details without signing in: share it with someone collecting the device for you." (renewed)="repair.set($event)" />
        </section>

        <!-- Photos and the live chat load once the status, quote and payments are on screen: their code and
             first render are the page's heaviest main-thread work on a slow phone. -->
        @defer (on idle) {
          <rh-repair-attachments [repairId]="r.id" [canUpload]="r.status !== 'cancelled'" emptyText="No photos yet. A photo of the damage helps the technician." />
        } @placeholder {
          <section class="card"><h2>Photos and documents</h2><rh-loading label="Loading photos…" /></section>
        }

        <section class="card" aria-label="Chat with your technician">
          @if (conversation.hasValue()) {
            @defer (on idle) {
              @for (c of [conversation.value()]; track c.id) {
                <rh-chat-panel [conversationId]="c.id" [repairId]="r.id" [canCall]="!!r.assignedTechnicianId" heading="Chat with your technician" peerLabel="Your technician" emptyHint="Questions about the repair? Write here." />
              }
            } @placeholder {
              <div><h2>Chat with your technician</h2><rh-loading label="Opening the chat…" /></div>
            }
          } @else if (conversation.error()) {
            <h2>Chat with your technician</h2>
            <rh-error-state title="The chat isn't available right now" [error]="conversation.error()" (retry)="conversation.reload()" />
          } @else {
            <h2>Chat with your technician</h2>
            <rh-loading label="Opening the chat…" />
          }
        </section>
      }
    </div>
  `,
  styles: `
    .back { margin: 0; }
    .ticket { margin: 0 0 -.75rem; font-size: .875rem; }
    .notice { display: flex; align-items: center; gap: .5rem; background: var(--primary-soft); padding: .75rem 1rem; border-radius: var(--radius); margin: 0; }
    .details dl { margin: 0 0 1rem; display: grid; gap: .375rem; }
    .details dl div { display: grid; grid-template-columns: 8rem 1fr; gap: .5rem; }
    .details dt { color: var(--text-muted); }
    .details dd { margin: 0; overflow-wrap: anywhere; }
    .issue { white-space: pre-wrap; overflow-wrap: anywhere; }
  `,
})
export default class RepairDetailPage {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  private readonly title = inject(Title);
  private readonly chat = inject(ChatConnection);
  protected readonly finalStatus = (status: RepairStatus) => FINAL_REPAIR_STATUSES.includes(status);
  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly repair = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.repairs.get(params) });
  protected readonly conversation = rxResource({
    params: () => (this.repair.hasValue() ? this.repair.value().id : undefined),
    stream: ({ params }) => this.api.conversations.open(params),
  });
  protected readonly awaitingApproval = signal(false);
  protected readonly confirmingCancel = signal(false);
  protected readonly cancelling = signal(false);

  protected readonly notFound = computed(() => readProblem(this.repair.error()).status === 404);
  /** The newest quote is the one that counts; older ones were withdrawn or expired. */
  protected readonly currentQuote = computed<QuoteView | null>(() => {
    if (!this.repair.hasValue()) return null;
    const quotes = [...this.repair.value().quotes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return quotes[0] ?? null;
  });
  /** The current quote's payment came back in full: the panel no longer says the repair is approved. */
  protected readonly quoteRefunded = computed(() => {
    const quote = this.currentQuote();
    return !!quote && !!this.repair.value()?.payments.some((p) => p.quoteId === quote.id && p.status === 'refunded');
  });
  protected readonly canCancel = computed(
    () => this.repair.hasValue() && nextRepairStatuses(this.repair.value().status, 'customer').includes('cancelled'),
  );

  private approvalTimer: ReturnType<typeof setTimeout> | null = null;
  private approvalPolls = 0;

  constructor() {
    effect(() => {
      if (this.repair.hasValue()) this.title.setTitle(`${this.repair.value().deviceLabel} — RepairHub`);
    });
    effect(() => {
      if (this.awaitingApproval() && this.repair.hasValue() && this.repair.value().status !== 'quoted') this.stopAwaiting();
    });
    // Status changes pushed by the server (quote sent, payment approved, work started) show at once;
    // the echo of the customer's own change (already shown) is not fetched again.
    this.chat.on('repair:updated', ({ repairRequestId, status }) => {
      if (repairRequestId !== this.id() || this.repair.value()?.status === status) return;
      this.repair.reload();
    });
    // Whatever changed while the socket was reconnecting was not pushed to us: catch up.
    this.chat.onReconnect(() => this.repair.reload());
    inject(DestroyRef).onDestroy(() => this.stopAwaiting());
  }

  /** The webhook approves the repair a moment after the payment succeeds; poll until it has. */
  protected onPaid(): void {
    this.awaitingApproval.set(true);
    this.approvalPolls = 0;
    this.pollApproval();
  }

  private pollApproval(): void {
    this.approvalTimer = setTimeout(() => {
      if (!this.awaitingApproval()) return;
      this.repair.reload();
      if (++this.approvalPolls < APPROVAL_POLL_LIMIT) this.pollApproval();
      else this.stopAwaiting();
    }, APPROVAL_POLL_MS);
  }

  private stopAwaiting(): void {
    this.awaitingApproval.set(false);
    if (this.approvalTimer) clearTimeout(this.approvalTimer);
    this.approvalTimer = null;
  }

  protected cancel(): void {
    if (this.cancelling()) return;
    this.cancelling.set(true);
    this.api.repairs.changeStatus(this.id(), { status: 'cancelled' }).subscribe({
      next: (detail) => {
        this.cancelling.set(false);
        this.confirmingCancel.set(false);
        this.repair.set(detail);
        this.notifier.info('Repair request cancelled.');
      },
      error: (error: unknown) => {
        this.cancelling.set(false);
        this.notifier.error(error);
        this.repair.reload();
      },
    });
  }
}
