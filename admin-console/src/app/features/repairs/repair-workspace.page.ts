import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, Injector, afterNextRender, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  DEVICE_TYPES,
  STATUS_NOTE_MAX,
  formatShopDateTime,
  nextRepairStatuses,
  type DeviceView,
  type QuoteStatus,
  type RepairDetail,
  type RepairStatus,
  type SerialAccessLogEntry,
} from '@repairhub/contracts';
import {
  ApiClient,
  AuthStore,
  ChatPanel,
  RepairAttachments,
  DEVICE_TYPE_LABELS,
  ErrorState,
  Loading,
  MoneyPipe,
  Notifier,
  REPAIR_STATUS_LABELS,
  StatusChip,
  StatusTimeline,
  URGENCY_SHORT_LABELS,
  readProblem,
} from '@repairhub/web-core';
import { StaffEvents } from '../../core/staff-events';
import { CounterCard } from '../counter/counter-card.component';
import { QuoteForm } from './quote-form.component';

export const STAFF_QUOTE_LABELS: Record<QuoteStatus, string> = {
  pending: 'Waiting for the customer',
  payment_pending: 'Accepted — payment in progress',
  accepted: 'Accepted and paid',
  rejected: 'Declined by the customer',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

interface Confirmation {
  question: string;
  detail: string;
  confirm: string;
  keep: string;
}

/** Moves that tell the customer something final are confirmed first; focus starts on "keep". */
const CONFIRMATIONS: Partial<Record<RepairStatus, Confirmation>> = {
  completed: {
    question: 'Mark this repair completed?',
    detail: 'The customer is told the device is ready for pickup. This cannot be undone.',
    confirm: 'Yes, mark completed',
    keep: 'Not yet',
  },
  cancelled: {
    question: 'Cancel this repair?',
    detail: 'The customer is told and no further quotes can be issued.',
    confirm: 'Yes, cancel the repair',
    keep: 'Keep it',
  },
};

const ACTION_LABELS: Partial<Record<RepairStatus, string>> = {
  in_progress: 'Start work',
  completed: 'Mark completed',
  cancelled: 'Cancel repair',
};

/**
 * The statuses to offer: what the contracts allow the role from the current status, narrowed by
 * what the server says this user may do with this repair (e.g. only the assigned technician).
 */
export function statusActions(repair: Pick<RepairDetail, 'status' | 'availableStatuses'>, role: 'technician' | 'admin'): RepairStatus[] {
  return nextRepairStatuses(repair.status, role).filter((status) => repair.availableStatuses.includes(status));
}

/** One repair for staff: device, problem, progress, quotes, status actions and the chat with the customer. */
@Component({
  selector: 'rh-console-repair-workspace',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ChatPanel, CounterCard, ErrorState, Loading, MoneyPipe, QuoteForm, RepairAttachments, StatusChip, StatusTimeline],
  template: `
    <div class="page">
      @if (repair.error(); as error) {
        <h1>Repair</h1>
        <rh-error-state [error]="error" (retry)="repair.reload()" />
      } @else if (!repair.hasValue()) {
        <h1 class="visually-hidden">Repair</h1>
        <rh-loading label="Loading the repair…" />
      } @else {
        @let r = repair.value();
        <p class="muted ticket">Repair {{ r.ticketNumber }}</p>
        <div class="page-head">
          <h1>{{ r.deviceLabel }} — {{ r.customerName }}</h1>
          <rh-status-chip [status]="r.status" />
        </div>
        <p class="muted meta">
          {{ urgency[r.urgency] }} urgency · received {{ r.createdAt | date: 'MMM d, y, HH:mm' }} ·
          {{ r.assignedTechnicianName ? 'Technician: ' + r.assignedTechnicianName : 'Unassigned' }}
        </p>

        <div class="columns">
          <div class="stack facts-column">
            <section class="card stack" aria-labelledby="device-heading">
              <h2 id="device-heading">Device</h2>
              <dl class="facts">
                <dt>Type</dt><dd>{{ deviceType(r.device) }}</dd>
                <dt>Brand and model</dt><dd>{{ r.device.brand }} {{ r.device.model }}</dd>
                <dt>Serial number</dt>
                <dd>
                  @if (!r.device.hasSerial) { <span class="muted">None given</span> }
                  @else {
                    <span class="serial">{{ revealed()?.serialNumber ?? r.device.serialNumber }}</span>
                    @if (!revealed()?.serialRevealed) {
                      <button type="button" class="button link" [disabled]="revealing()" (click)="reveal(r.device.id)">Reveal</button>
                      <span class="muted small-text">Each reveal is recorded.</span>
                    }
                  }
                </dd>
              </dl>
              @if (revealError(); as message) { <p class="form-error" role="alert">{{ message }}</p> }
              @if (isAdmin() && r.device.hasSerial) {
                @if (accessLog(); as log) {
                  <h3>Serial reveals</h3>
                  @if (log.length === 0) { <p class="muted">Nobody has revealed this serial.</p> }
                  @else {
                    <ul class="log-list">
                      @for (entry of log; track entry.id) {
                        <li>{{ entry.userName }} ({{ entry.userRole }}) — <time class="nowrap" [attr.datetime]="entry.createdAt">{{ entry.createdAt | date: 'MMM d, y, HH:mm:ss' }}</time></li>
                      }
                    </ul>
                  }
                } @else {
                  <button type="button" class="button secondary small" (click)="loadAccessLog(r.device.id)">Who revealed the serial?</button>
                }
              }
            </section>

            <section class="card" aria-labelledby="issue-heading">
              <h2 id="issue-heading">Reported problem</h2>
              <p class="issue">{{ r.issueDescription }}</p>
            </section>

            <rh-repair-attachments [repairId]="r.id" [canUpload]="chatOpen()" emptyText="The customer has not sent photos." />

            <section class="card stack" aria-labelledby="customer-heading">
              <h2 id="customer-heading">Customer</h2>
              <dl class="facts">
                <dt>Name</dt><dd>{{ r.customerName }}</dd>
                @if (r.customerContact; as c) {
                  <dt>Phone</dt><dd>@if (c.phone) { <a [href]="'tel:' + c.phone">{{ c.phone }}</a> } @else { <span class="muted">None given</span> }</dd>
                  <dt>Email</dt><dd>@if (c.email) { <a class="email" [href]="'mailto:' + c.email">{{ c.email }}</a> } @else { <span class="muted">None: they get no emails from us</span> }</dd>
                }
                @if (r.dropOff; as d) {
                  <dt>Drop-off</dt><dd><time [attr.datetime]="d.startsAt">{{ shopTime(d.startsAt, d.timeZone) }}</time> <span class="muted">(shop time)</span></dd>
                }
              </dl>
            </section>

            <rh-counter-card [repair]="r" (renewed)="repair.set($event)" />
          </div>

          <section class="card chat-card" aria-label="Chat with the customer">
            @if (conversation.hasValue()) {
              <rh-chat-panel [conversationId]="conversation.value().id" [repairId]="r.id" [canCall]="mine()" heading="Chat with the customer" peerLabel="The customer" />
            } @else if (conversation.error(); as error) {
              <rh-error-state title="The chat isn't available right now" [error]="error" (retry)="conversation.reload()" />
            } @else if (chatOpen()) {
              <rh-loading label="Opening the chat…" />
            } @else {
              <h2>Chat with the customer</h2>
              <p class="muted">Claim the request to talk with the customer.</p>
            }
          </section>

          <div class="stack work-column">
            <section class="card stack" aria-labelledby="actions-heading">
              <h2 id="actions-heading">Actions</h2>
              @if (canClaim()) {
                <p>Nobody has taken this request yet.</p>
                <button type="button" class="button primary" [disabled]="busy()" (click)="claim()">Claim this request</button>
              } @else if (actions().length) {
                <div class="field">
                  <label for="status-note">Note for the history <span class="muted">(optional)</span></label>
                  <textarea id="status-note" rows="2" [maxLength]="noteMax" [value]="note()" (input)="note.set($any($event.target).value)"></textarea>
                </div>
                <div class="row wrap">
                  @for (s of actions(); track s) {
                    <button type="button" class="button" [class.primary]="s !== 'cancelled'" [class.danger]="s === 'cancelled'" [disabled]="busy() || !!confirming()" (click)="move(s)">
                      {{ actionLabel(s) }}
                    </button>
                  }
                </div>
                @if (confirming(); as target) {
                  @let c = confirmations[target]!;
                  <div class="confirm" role="alertdialog" aria-labelledby="confirm-q" aria-describedby="confirm-d" [class.danger-confirm]="target === 'cancelled'">
                    <p id="confirm-q"><strong>{{ c.question }}</strong></p>
                    <p id="confirm-d">{{ c.detail }}</p>
                    <div class="row">
                      <button type="button" class="button" [class.primary]="target !== 'cancelled'" [class.danger]="target === 'cancelled'" (click)="move(target, true)">{{ c.confirm }}</button>
                      <button type="button" class="button secondary" id="confirm-keep" (click)="keep()">{{ c.keep }}</button>
                    </div>
                  </div>
                }
              } @else {
                <p class="muted">{{ idleText() }}</p>
              }
              @if (actionError(); as message) { <p class="form-error" role="alert">{{ message }}</p> }
            </section>

            <section class="card stack" aria-labelledby="quotes-heading">
              <h2 id="quotes-heading">Quotes</h2>
              @if (r.quotes.length === 0) {
                <p class="muted">No quote yet.</p>
              } @else {
                <ul class="quotes">
                  @for (q of r.quotes; track q.id) {
                    <li [attr.data-quote-status]="q.status">
                      <strong>{{ q.total | money: q.currency }}</strong>
                      <span class="muted parts">(parts {{ q.partsCost | money: q.currency }}, labour {{ q.laborCost | money: q.currency }})</span>
                      — <span class="quote-status">{{ quoteLabels[q.status] }}</span>
                      <br /><span class="muted small-text">Issued <span class="nowrap">{{ q.createdAt | date: 'MMM d, HH:mm' }}</span> · valid until <span class="nowrap">{{ q.expiresAt | date: 'MMM d, y' }}</span></span>
                      @if (q.notes) { <p class="notes">{{ q.notes }}</p> }
                    </li>
                  }
                </ul>
              }
              @if (canQuote()) {
                <rh-quote-form [repairRequestId]="r.id" [replacing]="hasOpenQuote()" (issued)="quoteIssued()" />
              }
            </section>

            <section class="card stack" aria-labelledby="progress-heading">
              <h2 id="progress-heading">Progress</h2>
              <rh-status-timeline [status]="r.status" [history]="r.history" audience="staff" />
            </section>
          </div>
        </div>
      }
    </div>
  `,
  styles: `
    .meta { margin-top: -.5rem; }
    .ticket { margin: 0 0 -.75rem; font-size: .875rem; }
    /* Phone: device, problem, customer, chat, then the work. Wide: the chat stays in view beside them. */
    .columns { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); align-items: start; }
    @media (min-width: 60rem) {
      .columns { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); grid-template-areas: 'facts chat' 'work chat'; }
      .facts-column { grid-area: facts; }
      .work-column { grid-area: work; }
      .chat-card { grid-area: chat; position: sticky; top: 1rem; }
    }
    .wrap { flex-wrap: wrap; gap: .5rem; }
    .issue, .notes { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0 0; }
    .quotes, .log-list { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .375rem 1rem; margin: 0; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; }
    .serial { font-family: ui-monospace, monospace; margin-right: .5rem; }
    .small-text { font-size: .875rem; }
    .parts { margin-left: .375rem; }
    .confirm { border: 2px solid var(--primary); border-radius: .5rem; padding: .75rem 1rem; }
    .confirm.danger-confirm { border-color: var(--danger); }
    h2, h3 { margin: 0; }
  `,
})
export default class RepairWorkspacePage {
  private readonly api = inject(ApiClient);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  readonly id = input.required<string>();

  protected readonly urgency = URGENCY_SHORT_LABELS;
  protected readonly quoteLabels = STAFF_QUOTE_LABELS;
  protected readonly noteMax = STATUS_NOTE_MAX;
  protected readonly shopTime = formatShopDateTime;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly busy = signal(false);
  protected readonly note = signal('');
  protected readonly confirming = signal<RepairStatus | null>(null);
  protected readonly confirmations = CONFIRMATIONS;
  protected readonly actionError = signal<string | null>(null);
  protected readonly revealed = signal<DeviceView | null>(null);
  protected readonly revealing = signal(false);
  protected readonly revealError = signal<string | null>(null);
  protected readonly accessLog = signal<SerialAccessLogEntry[] | null>(null);

  protected readonly repair = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.repairs.get(params) });

  private readonly role = computed(() => (this.auth.role() === 'admin' ? 'admin' : 'technician') as 'technician' | 'admin');
  protected readonly mine = computed(() => this.repair.value()?.assignedTechnicianId === this.auth.user()?.id);
  protected readonly canClaim = computed(() => {
    const r = this.repair.value();
    return this.role() === 'technician' && !!r && !r.assignedTechnicianId && r.status === 'submitted';
  });
  protected readonly actions = computed(() => {
    const r = this.repair.value();
    return r ? statusActions(r, this.role()) : [];
  });
  protected readonly canQuote = computed(() => {
    const r = this.repair.value();
    return this.role() === 'technician' && this.mine() && !!r && (r.status === 'submitted' || r.status === 'quoted');
  });
  protected readonly hasOpenQuote = computed(() => !!this.repair.value()?.quotes.some((q) => q.status === 'pending' || q.status === 'payment_pending'));
  protected readonly idleText = computed(() => {
    const status = this.repair.value()?.status;
    if (status === 'completed' || status === 'cancelled') return 'This repair is closed.';
    if (status === 'quoted') return 'Waiting for the customer to accept and pay the quote.';
    if (status === 'submitted') return this.mine() ? 'Send the customer a quote to move this repair on.' : 'Only the assigned technician can work on this repair.';
    return 'Nothing to do here for now.';
  });
  /** Staff join the chat of repairs they may work on; the server decides who takes part. */
  protected readonly chatOpen = computed(() => {
    const r = this.repair.value();
    return !!r && (this.isAdmin() || this.mine());
  });
  protected readonly conversation = rxResource({
    params: () => (this.chatOpen() ? this.repair.value()!.id : undefined),
    stream: ({ params }) => this.api.conversations.open(params),
  });

  constructor() {
    // When an action replaces the control that had focus (claim, a status move), focus goes to the
    // page heading, which names the repair and carries its new status, instead of falling to <body>.
    effect(() => {
      if (!this.repair.value()) return;
      afterNextRender(
        () => {
          if (document.activeElement === document.body) this.focusHeading();
        },
        { injector: this.injector },
      );
    });
    const events = inject(StaffEvents);
    events.onReconnect(() => this.repair.reload());
    events.on('repair:updated', ({ repairRequestId, status }) => {
      if (repairRequestId !== this.id()) return;
      // The echo of this user's own change (already shown from the response) is not fetched again.
      const before = this.repair.value()?.status;
      if (before === status) return;
      this.repair.reload();
      if (before && status === 'approved') this.notifier.success('The customer accepted and paid the quote.');
    });
  }

  protected actionLabel(status: RepairStatus): string {
    return ACTION_LABELS[status] ?? status;
  }

  protected deviceType(device: DeviceView): string {
    return DEVICE_TYPES.includes(device.type) ? DEVICE_TYPE_LABELS[device.type] : device.type;
  }

  protected claim(): void {
    this.busy.set(true);
    this.actionError.set(null);
    this.api.repairs.assign(this.id()).subscribe({
      next: (detail) => {
        this.busy.set(false);
        this.repair.set(detail);
        this.notifier.success('The request is yours.');
      },
      error: (error: unknown) => this.failed(error),
    });
  }

  protected move(status: RepairStatus, confirmed = false): void {
    if (CONFIRMATIONS[status] && !confirmed) {
      this.confirming.set(status);
      afterNextRender(() => document.getElementById('confirm-keep')?.focus(), { injector: this.injector });
      return;
    }
    this.confirming.set(null);
    this.busy.set(true);
    this.actionError.set(null);
    const note = this.note().trim();
    this.api.repairs.changeStatus(this.id(), { status, ...(note ? { note } : {}) }).subscribe({
      next: (detail) => {
        this.busy.set(false);
        this.note.set('');
        this.repair.set(detail);
        this.notifier.success(`Status changed to ${REPAIR_STATUS_LABELS[status]}.`);
      },
      error: (error: unknown) => this.failed(error),
    });
  }

  protected keep(): void {
    const status = this.confirming();
    this.confirming.set(null);
    afterNextRender(() => this.actionButton(status)?.focus(), { injector: this.injector });
  }

  private actionButton(status: RepairStatus | null): HTMLButtonElement | undefined {
    const label = status ? this.actionLabel(status) : '';
    return [...document.querySelectorAll<HTMLButtonElement>('#main button')].find((b) => b.textContent?.trim() === label);
  }

  private focusHeading(): void {
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }

  protected quoteIssued(): void {
    this.notifier.success('Quote sent to the customer.');
    this.repair.reload();
  }

  protected reveal(deviceId: string): void {
    this.revealing.set(true);
    this.revealError.set(null);
    this.api.devices.get(deviceId, { reveal: true }).subscribe({
      next: (device) => {
        this.revealing.set(false);
        this.revealed.set(device);
        if (this.accessLog()) this.loadAccessLog(deviceId);
      },
      error: (error: unknown) => {
        this.revealing.set(false);
        this.revealError.set(readProblem(error).message);
      },
    });
  }

  protected loadAccessLog(deviceId: string): void {
    this.api.devices.serialAccessLog(deviceId, { limit: 20 }).subscribe({
      next: (page) => this.accessLog.set(page.items),
      error: (error: unknown) => this.notifier.error(error),
    });
  }

  private failed(error: unknown): void {
    this.busy.set(false);
    this.actionError.set(readProblem(error).message);
    this.repair.reload();
  }
}
