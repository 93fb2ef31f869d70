import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES, type Role, type UserView } from '@repairhub/contracts';
import { ApiClient, AuthStore, EmptyState, ErrorState, FieldA11y, FocusInvalid, FieldError, Loading, Notifier, ROLE_LABELS, applyProblem, cursorList, readProblem } from '@repairhub/web-core';

const PAGE_SIZE = 50;

/** Admins: find people, add technicians and admins, change roles, deactivate accounts. */
@Component({
  selector: 'rh-console-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, EmptyState, ErrorState, FieldA11y, FocusInvalid, FieldError, Loading],
  template: `
    <div class="page stack">
      <h1>Users</h1>

      <section class="card stack" aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">Add a technician or admin</h2>
        <form class="stack" [formGroup]="form" (ngSubmit)="create()" novalidate>
          @if (formError(); as message) { <p class="form-error" role="alert">{{ message }}</p> }
          <div class="grid">
            <div class="field">
              <label for="u-name">Name</label>
              <input id="u-name" formControlName="name" autocomplete="off" />
              <rh-field-error for="u-name" label="Name" [control]="form.controls.name" />
            </div>
            <div class="field">
              <label for="u-email">Email</label>
              <input id="u-email" type="email" formControlName="email" autocomplete="off" />
              <rh-field-error for="u-email" label="Email" [control]="form.controls.email" />
            </div>
            <div class="field">
              <label for="u-password">Temporary password</label>
              <input id="u-password" type="password" formControlName="password" autocomplete="new-password" />
              <rh-field-error for="u-password" label="Password" [control]="form.controls.password" />
            </div>
            <div class="field">
              <label for="u-role">Role</label>
              <select id="u-role" formControlName="role">
                <option value="technician">Technician</option>
                <option value="admin">Admin</option>
              </select>
            </div>
          </div>
          <button type="submit" class="button primary" [disabled]="creating()">{{ creating() ? 'Adding…' : 'Add user' }}</button>
        </form>
      </section>

      <section class="stack" aria-labelledby="list-heading">
        <h2 id="list-heading">Everyone</h2>
        <form class="row filters" role="search" (submit)="$event.preventDefault(); search.set(q.value.trim())">
          <div class="field grow">
            <label for="u-search">Search by name, email or phone</label>
            <input #q id="u-search" type="search" />
          </div>
          <div class="field">
            <label for="u-filter-role">Role</label>
            <select id="u-filter-role" (change)="roleFilter.set($any($event.target).value)">
              <option value="">Any role</option>
              @for (r of roles; track r) { <option [value]="r">{{ roleLabels[r] }}</option> }
            </select>
          </div>
          <button type="submit" class="button secondary">Search</button>
        </form>

        @if (users.first.error(); as error) {
          <rh-error-state [error]="error" (retry)="users.first.reload()" />
        } @else if (!users.first.hasValue()) {
          <rh-loading label="Loading users…" />
        } @else if (users.items().length === 0) {
          <rh-empty-state message="Nobody matches that search." />
        } @else {
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">Users</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Contact</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Joined</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                @for (u of users.items(); track u.id) {
                  <tr [attr.data-user]="u.email ?? u.id">
                    <td>{{ u.name }}</td>
                    <td class="email">
                      @if (u.email) { {{ u.email }} } @else { <span class="muted">No email</span> }
                      @if (u.phone) { <span class="phone">{{ u.phone }}</span> }
                    </td>
                    <td>
                      <label class="visually-hidden" [for]="'role-' + u.id">Role of {{ u.name }}</label>
                      <select [id]="'role-' + u.id" [value]="u.role" [disabled]="u.id === me() || busy() === u.id" (change)="changeRole(u, $any($event.target))">
                        <!-- Staff sign in by email: a customer without one cannot become staff. -->
                        @for (r of roles; track r) { <option [value]="r" [selected]="r === u.role" [disabled]="r !== 'customer' && !u.email">{{ roleLabels[r] }}</option> }
                      </select>
                    </td>
                    <td>{{ u.active ? 'Active' : 'Deactivated' }}</td>
                    <td class="nowrap">{{ u.createdAt | date: 'MMM d, y' }}</td>
                    <td>
                      @if (u.id !== me()) {
                        <button type="button" class="button small" [class.secondary]="!u.active" [class.danger]="u.active" [disabled]="busy() === u.id"
                          (click)="u.active ? askDeactivate(u) : setActive(u, true)">
                          {{ u.active ? 'Deactivate' : 'Reactivate' }}<span class="visually-hidden"> {{ u.name }}</span>
                        </button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (users.hasMore()) {
            <button type="button" class="button secondary" [disabled]="users.loadingMore()" (click)="users.loadMore()">{{ users.loadingMore() ? 'Loading…' : 'Show more' }}<span class="visually-hidden"> users</span></button>
          }
        }
      </section>

      <dialog #confirm class="dialog" aria-labelledby="deact-title" aria-describedby="deact-desc" (close)="pending.set(null)">
        @if (pending(); as u) {
          <h2 id="deact-title">Deactivate {{ u.name }}?</h2>
          <p id="deact-desc">{{ u.email ?? u.name }} is signed out everywhere and can no longer sign in. You can reactivate the account later.</p>
          <div class="row">
            <button type="button" class="button danger" (click)="confirmDeactivate()">Deactivate</button>
            <button type="button" class="button secondary" autofocus (click)="confirmRef().nativeElement.close()">Cancel</button>
          </div>
        }
      </dialog>
    </div>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .75rem 1rem; }
    .filters { align-items: end; gap: 1rem; flex-wrap: wrap; }
    .grow { flex: 1 1 16rem; }
    h2 { margin: 0; }
    .phone { display: block; }
  `,
})
export default class UsersPage {
  private readonly api = inject(ApiClient);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);
  protected readonly me = computed(() => this.auth.user()?.id);
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly search = signal('');
  protected readonly roleFilter = signal<Role | ''>('');
  protected readonly busy = signal<string | null>(null);
  protected readonly creating = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly pending = signal<UserView | null>(null);
  protected readonly confirmRef = viewChild.required<ElementRef<HTMLDialogElement>>('confirm');

  protected readonly users = cursorList({
    params: () => ({ q: this.search() || undefined, role: this.roleFilter() || undefined, limit: PAGE_SIZE }),
    load: (query) => this.api.users.list(query),
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    role: ['technician' as 'technician' | 'admin'],
  });

  protected create(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.creating()) return;
    this.creating.set(true);
    this.formError.set(null);
    this.api.users.create(this.form.getRawValue()).subscribe({
      next: (user) => {
        this.creating.set(false);
        this.form.reset();
        this.notifier.success(`${user.name} can now sign in as ${ROLE_LABELS[user.role].toLowerCase()}.`);
        this.users.first.reload();
      },
      error: (error: unknown) => {
        this.creating.set(false);
        this.formError.set(applyProblem(this.form, readProblem(error)));
      },
    });
  }

  protected changeRole(user: UserView, select: HTMLSelectElement): void {
    const role = select.value as Role;
    this.update(user, { role }, `${user.name} is now ${ROLE_LABELS[role].toLowerCase()}.`, () => (select.value = user.role));
  }

  protected askDeactivate(user: UserView): void {
    this.pending.set(user);
    this.confirmRef().nativeElement.showModal();
  }

  protected confirmDeactivate(): void {
    const user = this.pending();
    this.confirmRef().nativeElement.close();
    if (user) this.setActive(user, false);
  }

  protected setActive(user: UserView, active: boolean): void {
    this.update(user, { active }, active ? `${user.name} can sign in again.` : `${user.name} is deactivated.`);
  }

  private update(user: UserView, body: { role?: Role; active?: boolean }, done: string, undo?: () => void): void {
    this.busy.set(user.id);
    this.api.users.update(user.id, body).subscribe({
      next: () => {
        this.busy.set(null);
        this.notifier.success(done);
        this.users.first.reload();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        undo?.();
        this.notifier.error(error);
      },
    });
  }
}
