import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RepairStatus, StatusHistoryEntry } from '@repairhub/contracts';
import { REPAIR_STATUS_LABELS } from './labels';

/** The happy path a repair walks; `cancelled` branches off it. */
const PATH: readonly RepairStatus[] = ['submitted', 'quoted', 'approved', 'in_progress', 'completed'];

const HINTS: Record<RepairStatus, string> = {
  submitted: 'A technician will look at your request.',
  quoted: 'A quote is waiting for your decision.',
  approved: 'Paid — the repair is scheduled.',
  in_progress: 'A technician is working on your device.',
  completed: 'The repair is done.',
  cancelled: 'This repair was cancelled.',
};

/** The same steps told to staff: what the shop does next, never the customer's wording. */
const STAFF_HINTS: Record<RepairStatus, string> = {
  submitted: 'Waiting for a technician to claim it and send a quote.',
  quoted: 'Quote sent — waiting for the customer to accept and pay.',
  approved: 'Paid — ready to start the work.',
  in_progress: 'Work under way.',
  completed: 'Repair finished.',
  cancelled: 'This repair was cancelled.',
};

/** Who reads the timeline: customers in the portal, staff in the console. */
export type TimelineAudience = 'customer' | 'staff';

export interface TimelineStep {
  status: RepairStatus;
  label: string;
  state: 'done' | 'current' | 'upcoming' | 'cancelled';
  at: string | null;
  note: string | null;
}

/** Builds the steps shown by `StatusTimeline`: where the repair is, when each step was reached. */
/** What the timeline reads of a history entry: the public tracking page has no more. */
export type TimelineEntry = Pick<StatusHistoryEntry, 'toStatus' | 'note' | 'createdAt'>;

export function timelineSteps(status: RepairStatus, history: readonly TimelineEntry[]): TimelineStep[] {
  const reached = new Map<RepairStatus, TimelineEntry>();
  for (const entry of history) reached.set(entry.toStatus, entry);
  const step = (s: RepairStatus, state: TimelineStep['state']): TimelineStep => ({
    status: s,
    label: REPAIR_STATUS_LABELS[s],
    state,
    at: reached.get(s)?.createdAt ?? null,
    note: reached.get(s)?.note ?? null,
  });
  if (status === 'cancelled') {
    const done = PATH.filter((s) => reached.has(s));
    return [...done.map((s) => step(s, 'done' as const)), step('cancelled', 'cancelled')];
  }
  const index = PATH.indexOf(status);
  return PATH.map((s, i) => step(s, i < index ? 'done' : i === index ? (s === 'completed' ? 'done' : 'current') : 'upcoming'));
}

@Component({
  selector: 'rh-status-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <ol class="timeline" aria-label="Repair progress">
      @for (step of steps(); track step.status) {
        <li class="step" [class]="'step step-' + step.state" [attr.aria-current]="step.state === 'current' ? 'step' : null">
          <span class="dot" aria-hidden="true">@if (step.state === 'done') {✓} @else if (step.state === 'cancelled') {✕}</span>
          <span class="text">
            <span class="label">{{ step.label }}<span class="visually-hidden">{{ stateText[step.state] }}</span></span>
            @if (step.at) {
              <time class="when" [attr.datetime]="step.at">{{ step.at | date: 'MMM d, HH:mm' }}</time>
            }
            @if (step.state === 'current' || step.state === 'cancelled') {
              <span class="hint">{{ hints()[step.status] }}</span>
            }
            @if (step.note) {
              <span class="note">“{{ step.note }}”</span>
            }
          </span>
        </li>
      }
    </ol>
  `,
  styles: `
    .timeline { list-style: none; margin: 0; padding: 0; display: grid; gap: 0; }
    .step { display: grid; grid-template-columns: 2rem 1fr; gap: .75rem; position: relative; padding-bottom: 1rem; }
    .step:not(:last-child)::before { content: ''; position: absolute; left: calc(1rem - 1px); top: 2rem; bottom: 0; width: 2px; background: var(--border-strong); }
    .step-done:not(:last-child)::before { background: var(--success); }
    .dot { width: 2rem; height: 2rem; border-radius: 50%; display: grid; place-items: center; font-weight: 700;
      border: 2px solid var(--border-strong); background: var(--surface); color: var(--text-muted); }
    .step-done .dot { background: var(--success); border-color: var(--success); color: #fff; }
    .step-current .dot { border-color: var(--primary); box-shadow: 0 0 0 4px var(--primary-soft); }
    .step-cancelled .dot { background: var(--danger); border-color: var(--danger); color: #fff; }
    .text { display: grid; gap: .125rem; padding-top: .3rem; }
    .when { white-space: nowrap; }
    .label { font-weight: 600; }
    .step-upcoming .label { color: var(--text-muted); font-weight: 500; }
    .when, .hint, .note { font-size: .875rem; color: var(--text-muted); }
    @media (min-width: 48rem) {
      .timeline { grid-auto-flow: column; grid-auto-columns: 1fr; }
      /* Each step's label, date, hint and note sit on rows shared by all steps, so they line up across. */
      .timeline { grid-template-rows: 2rem repeat(4, auto); row-gap: .125rem; }
      .step { grid-row: span 5; gap: .125rem 0; grid-template-columns: 1fr; grid-template-rows: subgrid; justify-items: center; text-align: center; padding: 0 .25rem; }
      .text { display: contents; }
      .label { grid-row: 2; padding-top: .375rem; }
      .when { grid-row: 3; }
      .hint { grid-row: 4; }
      .note { grid-row: 5; }
      .step:not(:last-child)::before { left: calc(50% + 1rem); right: calc(-50% + 1rem); top: calc(1rem - 1px); bottom: auto; width: auto; height: 2px; }
    }
  `,
})
export class StatusTimeline {
  readonly status = input.required<RepairStatus>();
  readonly history = input<readonly TimelineEntry[]>([]);
  readonly audience = input<TimelineAudience>('customer');
  protected readonly steps = computed(() => timelineSteps(this.status(), this.history()));
  protected readonly hints = computed(() => (this.audience() === 'staff' ? STAFF_HINTS : HINTS));
  protected readonly stateText: Record<TimelineStep['state'], string> = {
    done: ' (done)',
    current: ' (current step)',
    upcoming: ' (not yet)',
    cancelled: '',
  };
}
