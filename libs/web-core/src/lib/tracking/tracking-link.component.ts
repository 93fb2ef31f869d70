import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, input, output, signal } from '@angular/core';
import type { RepairDetail } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';
import { readProblem } from '../errors/problem';
import { focusAfterRender } from '../ui/focus';
import { Notifier } from '../ui/notifier';

/**
 * The repair's public status page link, to copy or replace. Replacing revokes the old link at once,
 * so it is confirmed first (focus on "Keep this link").
 */
@Component({
  selector: 'rh-tracking-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="stack tracking">
      <p class="muted help">{{ help() }}</p>
      @if (url(); as link) {
        <div class="field">
          <label [for]="fieldId">Tracking link</label>
          <div class="link-row">
            <input [id]="fieldId" type="text" readonly [value]="link" (focus)="$any($event.target).select()" spellcheck="false" />
            <button type="button" class="button secondary small" (click)="copy(link)">Copy link</button>
          </div>
        </div>
      } @else {
        <p>No tracking link yet.</p>
      }
      @if (confirming()) {
        <div class="confirm" role="alertdialog" aria-labelledby="renew-q" aria-describedby="renew-d">
          <p id="renew-q"><strong>Make a new tracking link?</strong></p>
          <p id="renew-d">The current link stops working at once: anyone who has it will need the new one.</p>
          <div class="row">
            <button type="button" class="button primary small" [disabled]="busy()" (click)="renew()">Yes, make a new link</button>
            <button type="button" class="button secondary small keep" (click)="keep()">Keep this link</button>
          </div>
        </div>
      } @else {
        <button type="button" class="button secondary small renew" (click)="ask()">Make a new link</button>
      }
      @if (error(); as message) { <p class="form-error" role="alert">{{ message }}</p> }
    </div>
  `,
  styles: `
    .tracking { gap: .75rem; }
    .help { margin: 0; }
    .link-row { display: flex; flex-wrap: wrap; gap: .5rem; }
    .link-row input { flex: 1 1 14rem; min-width: 0; font-family: ui-monospace, monospace; font-size: .875rem; }
    .renew { justify-self: start; }
    .confirm { border: 2px solid var(--primary); border-radius: .5rem; padding: .75rem 1rem; }
    .confirm p { margin: 0 0 .5rem; }
  `,
})
export class TrackingLink {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  readonly repairId = input.required<string>();
  readonly url = input.required<string | null>();
  readonly help = input('Anyone with this link sees the repair’s status, quote and pickup details without signing in.');
  /** The repair with its new link. */
  readonly renewed = output<RepairDetail>();

  private static nextId = 0;
  protected readonly fieldId = `tracking-link-${TrackingLink.nextId++}`;
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async copy(link: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      this.notifier.success('Tracking link copied.');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): the text is selected to copy by hand.
      this.host.querySelector<HTMLInputElement>('input')?.select();
      this.notifier.error('Could not copy: the link is selected, copy it with your keyboard.');
    }
  }

  protected ask(): void {
    this.error.set(null);
    this.confirming.set(true);
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>('.keep'));
  }

  protected keep(): void {
    this.confirming.set(false);
    focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>('.renew'));
  }

  protected renew(): void {
    this.busy.set(true);
    this.api.repairs.newTrackingLink(this.repairId()).subscribe({
      next: (repair) => {
        this.busy.set(false);
        this.confirming.set(false);
        this.renewed.emit(repair);
        this.notifier.success('New tracking link made. The old one no longer works.');
        focusAfterRender(this.injector, () => this.host.querySelector<HTMLElement>('input'));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(readProblem(error).message);
      },
    });
  }
}
