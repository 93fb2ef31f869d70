import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { FailedJobView } from '@repairhub/contracts';
import { ApiClient, EmptyState, ErrorState, Loading, Notifier, readProblem } from '@repairhub/web-core';

const SUMMARY_MAX = 160;
/** Longer values are ids and keys: they make the line unreadable and stay in the full data. */
const SHORT_VALUE = 24;

/**
 * One line about what a job was for, from its data: the short scalar fields, nested ones by dotted
 * name (`facts.template: quote_issued`). Empty when nothing is short; the full data is one click away.
 */
export function summarizeJobData(data: unknown): string {
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object') return String(data).slice(0, SUMMARY_MAX);
  const parts: string[] = [];
  const walk = (value: object, prefix: string) => {
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null && typeof inner === 'object') {
        if (!prefix) walk(inner, `${key}.`);
      } else if (inner !== undefined && String(inner).length <= SHORT_VALUE) {
        parts.push(`${prefix}${key}: ${String(inner)}`);
      }
    }
  };
  walk(data, '');
  const line = parts.join(' · ');
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

/** Admins: background jobs that failed after every retry (dead letters), and a way to run one again. */
@Component({
  selector: 'rh-console-failed-jobs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, EmptyState, ErrorState, Loading],
  template: `
    <div class="page stack">
      <div>
        <h1 #heading tabindex="-1">Failed jobs</h1>
        <p class="muted intro">
          Background work (emails, reminders, payment checks) that failed after every retry, newest first. Fix the cause named in the
          error, then retry the job.
        </p>
      </div>

      @if (jobs.error(); as error) {
        <rh-error-state [error]="error" (retry)="jobs.reload()" />
      } @else if (!jobs.hasValue()) {
        <rh-loading label="Loading failed jobs…" />
      } @else if (jobs.value().length === 0) {
        <rh-empty-state message="No failed jobs. Jobs that fail after every retry appear here." />
      } @else {
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">Failed jobs, newest first</caption>
            <thead><tr><th scope="col">Failed</th><th scope="col">Job</th><th scope="col">About</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              @for (j of jobs.value(); track j.id) {
                <tr [attr.data-job]="j.id">
                  <td><time [attr.datetime]="j.failedAt">{{ j.failedAt | date: 'MMM d, HH:mm' }}</time></td>
                  <td class="name">{{ j.name }}</td>
                  <td class="about">
                    @if (hasData(j)) {
                      <details>
                        <summary>{{ summary(j) || 'Job data' }}</summary>
                        <pre>{{ json(j) }}</pre>
                      </details>
                    } @else {
                      <span class="muted">No data</span>
                    }
                  </td>
                  <td>{{ j.attempts }}</td>
                  <td class="error">{{ j.error }}</td>
                  <td>
                    <button type="button" class="button primary small" [disabled]="retrying().has(j.id)" (click)="retry(j)">
                      {{ retrying().has(j.id) ? 'Retrying…' : 'Retry' }}<span class="visually-hidden"> {{ j.name }} that failed {{ j.failedAt | date: 'MMM d, HH:mm:ss' }}</span>
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </div>
  `,
  styles: `
    h1 { margin: 0 0 .5rem; }
    .intro { margin: 0; max-width: 48rem; }
    .name { white-space: nowrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; }
    .about { max-width: 22rem; word-break: break-word; font-size: .875rem; }
    .about pre { white-space: pre-wrap; word-break: break-all; font-size: .8125rem; background: var(--surface-sunken); padding: .5rem; border-radius: var(--radius); margin: .5rem 0 0; }
    .error { max-width: 20rem; word-break: break-word; color: var(--danger-text); }
  `,
})
export default class FailedJobsPage {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  /** Ids whose retry is on its way: their button stays disabled until the server answers. */
  protected readonly retrying = signal<ReadonlySet<string>>(new Set());
  protected readonly jobs = rxResource({ stream: () => this.api.operations.failedJobs() });

  protected hasData(job: FailedJobView): boolean {
    return job.data !== null && job.data !== undefined && (typeof job.data !== 'object' || Object.keys(job.data).length > 0);
  }

  protected summary(job: FailedJobView): string {
    return summarizeJobData(job.data);
  }

  protected json(job: FailedJobView): string {
    return JSON.stringify(job.data, null, 2);
  }

  protected retry(job: FailedJobView): void {
    if (this.retrying().has(job.id)) return;
    this.mark(job.id, true);
    this.api.operations.retryJob(job.id).subscribe({
      next: () => {
        this.mark(job.id, false);
        this.jobs.update((list) => list?.filter((j) => j.id !== job.id));
        // The row and its button are gone: keep keyboard users on the page rather than on <body>.
        this.heading().nativeElement.focus();
        this.notifier.success(`${job.name} is queued to run again.`);
      },
      error: (error: unknown) => {
        this.mark(job.id, false);
        this.notifier.error(error);
        // Someone else retried it, or it expired from the list: show what is left.
        if (readProblem(error).status === 404) this.jobs.reload();
      },
    });
  }

  private mark(id: string, busy: boolean): void {
    this.retrying.update((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}
