import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { readProblem } from '../errors/problem';

/** A polite "loading" line with a spinner; screen readers hear the label once. */
@Component({
  selector: 'rh-loading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="state state-loading" role="status"><span class="spinner" aria-hidden="true"></span>{{ label() }}</p>`,
})
export class Loading {
  readonly label = input('Loading…');
}

/** What failed, in the server's words, with a retry button when the caller offers one. */
@Component({
  selector: 'rh-error-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="state state-error" role="alert">
      <p><strong>{{ title() }}</strong></p>
      <p>{{ message() }}</p>
      @if (retryable()) {
        <button type="button" class="button secondary" (click)="retry.emit()">Try again</button>
      }
    </div>
  `,
})
export class ErrorState {
  readonly error = input.required<unknown>();
  readonly title = input("We couldn't load this");
  readonly retryable = input(true);
  readonly retry = output<void>();
  protected readonly message = computed(() => readProblem(this.error()).message);
}

/** An empty list: a sentence and, projected, the action that fills it. */
@Component({
  selector: 'rh-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="state state-empty">
      <p>{{ message() }}</p>
      <ng-content />
    </div>
  `,
})
export class EmptyState {
  readonly message = input.required<string>();
}
