import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { CUSTOMER_LOOKUP_MIN, type CounterCustomer } from '@repairhub/contracts';
import { ApiClient, readProblem } from '@repairhub/web-core';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { contactLine } from './customer-contact';

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; q: string; customers: CounterCustomer[] }
  | { kind: 'error'; message: string };

/** Looks the walk-in customer up as staff type their name, email or phone; emits the one chosen. */
@Component({
  selector: 'rh-customer-search',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <div class="field">
      <label for="customer-search">Find an existing customer</label>
      <input id="customer-search" type="search" [formControl]="query" autocomplete="off" aria-describedby="customer-search-help" />
      <p class="help" id="customer-search-help">Name, email or phone number. Nobody found? Fill in the new customer below.</p>
    </div>
    @let s = state();
    <div aria-live="polite" class="results">
      @switch (s.kind) {
        @case ('searching') { <p class="muted">Searching…</p> }
        @case ('error') { <p class="form-error">{{ s.message }}</p> }
        @case ('done') {
          @if (s.customers.length === 0) {
            <p class="muted">No customer matches “{{ s.q }}”.</p>
          } @else {
            <p class="visually-hidden">{{ s.customers.length }} {{ s.customers.length === 1 ? 'customer' : 'customers' }} found.</p>
            <ul class="found" aria-label="Customers found">
              @for (c of s.customers; track c.id) {
                <li>
                  <span class="who"><strong>{{ c.name }}</strong> <span class="muted">{{ contact(c) }}</span></span>
                  <button type="button" class="button secondary small" (click)="chosen.emit(c)" [attr.aria-label]="'Choose ' + c.name + ', ' + (c.email ?? c.phone)">Choose</button>
                </li>
              }
            </ul>
          }
        }
      }
    </div>
  `,
  styles: `
    :host { display: grid; gap: .5rem; }
    .results p { margin: 0; }
    .found { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; }
    .found li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; padding: .5rem .75rem; border: 1px solid var(--border); border-radius: var(--radius); }
    .who { min-width: 0; overflow-wrap: anywhere; }
  `,
})
export class CustomerSearch {
  private readonly api = inject(ApiClient);
  readonly chosen = output<CounterCustomer>();
  protected readonly contact = contactLine;
  protected readonly query = new FormControl('', { nonNullable: true });

  protected readonly state = toSignal(
    this.query.valueChanges.pipe(
      map((q) => q.trim()),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < CUSTOMER_LOOKUP_MIN
          ? of<SearchState>({ kind: 'idle' })
          : this.api.counter.findCustomers(q).pipe(
              map((customers): SearchState => ({ kind: 'done', q, customers })),
              startWith<SearchState>({ kind: 'searching' }),
              catchError((error: unknown) => of<SearchState>({ kind: 'error', message: readProblem(error).message })),
            ),
      ),
    ),
    { initialValue: { kind: 'idle' } as SearchState },
  );
}
