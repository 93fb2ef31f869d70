import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, defer, finalize, firstValueFrom, from, map, of, shareReplay, tap } from 'rxjs';
import type { AuthResponse, LoginRequest, RegisterRequest, Role, UserView } from '@repairhub/contracts';
import { ApiClient } from '../api/api-client';

export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';
/** Why the last session ended: the user chose to, or it could not be renewed. */
export type SessionEndReason = 'signed-out' | 'expired';

const REFRESH_LOCK = 'repairhub-auth-refresh';
/**
 * Not a credential: a flag telling a fresh page that a refresh cookie probably exists, so guests
 * are not sent to `/auth/refresh` only to be refused.
 */
export const SESSION_HINT_KEY = 'repairhub.session';
/**
 * Renew the access token when half its lifetime has passed: the other half is the margin for timers
 * that fire late on a busy device, so an active page never sends an expired token.
 */
const RENEW_AT = 0.5;
const MIN_RENEW_MS = 1000;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The signed-in session. The access token lives in memory only; the refresh token is the HttpOnly
 * cookie, so after a reload `restore()` spends it for a fresh pair.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(ApiClient);

  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<UserView | null>(null);
  private readonly state = signal<SessionStatus>('restoring');
  private readonly endReason = signal<SessionEndReason | null>(null);
  private refreshing: Observable<string> | null = null;
  private restored: Promise<void> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly status = this.state.asReadonly();
  readonly lastEndReason = this.endReason.asReadonly();
  readonly isSignedIn = computed(() => this.state() === 'signed-in');
  readonly role = computed<Role | null>(() => this.currentUser()?.role ?? null);

  accessToken(): string | null {
    return this.token();
  }

  /** Restores the session from the refresh cookie once per page load; later calls share the result. */
  restore(): Promise<void> {
    if (!this.restored && this.state() === 'restoring' && storage()?.getItem(SESSION_HINT_KEY) !== '1') {
      this.state.set('signed-out');
      this.restored = Promise.resolve();
    }
    this.restored ??= firstValueFrom(this.refresh()).then(
      () => undefined,
      () => undefined,
    );
    return this.restored;
  }

  signIn(body: LoginRequest): Observable<UserView> {
    return this.api.auth.login(body).pipe(map((response) => this.start(response)));
  }

  signUp(body: RegisterRequest): Observable<UserView> {
    return this.api.auth.register(body).pipe(map((response) => this.start(response)));
  }

  /** Revokes the refresh token on the server; the local session ends whatever the server says. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.api.auth.logout());
    } catch {
      // Already revoked or offline: the cookie is useless to us either way.
    } finally {
      this.end('signed-out');
    }
  }

  /**
   * A fresh access token. Single-flight: callers that arrive while a refresh is running share it.
   * `staleToken` is the token a request failed with; when the session has moved on since, the
   * current token is returned without another refresh (a late 401 from a parallel request).
   */
  refresh(staleToken?: string | null): Observable<string> {
    const current = this.token();
    if (staleToken && current && current !== staleToken) return of(current);
    this.refreshing ??= defer(() => from(this.refreshExclusively())).pipe(
      tap({ next: (response) => this.start(response), error: () => this.end('expired') }),
      map((response) => response.accessToken),
      finalize(() => (this.refreshing = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshing;
  }

  /** Ends the session locally, e.g. when the refresh token was refused. */
  end(reason: SessionEndReason): void {
    const wasSignedIn = this.state() === 'signed-in';
    this.cancelRenewal();
    storage()?.removeItem(SESSION_HINT_KEY);
    this.token.set(null);
    this.currentUser.set(null);
    this.state.set('signed-out');
    if (wasSignedIn || reason === 'signed-out') this.endReason.set(reason);
  }

  private start(response: AuthResponse): UserView {
    this.token.set(response.accessToken);
    this.currentUser.set(response.user);
    this.state.set('signed-in');
    this.endReason.set(null);
    storage()?.setItem(SESSION_HINT_KEY, '1');
    this.scheduleRenewal(response.expiresIn);
    return response.user;
  }

  /**
   * Renews the access token shortly before it expires, so an active page never sends an expired
   * one. The interceptor's refresh-on-401 still covers timers that fired late (sleeping laptop).
   */
  private scheduleRenewal(expiresInSeconds: number): void {
    this.cancelRenewal();
    if (!(expiresInSeconds > 0)) return;
    const delay = Math.max(MIN_RENEW_MS, expiresInSeconds * 1000 * RENEW_AT);
    this.renewTimer = setTimeout(() => {
      this.renewTimer = null;
      this.refresh().subscribe({ error: () => undefined });
    }, delay);
  }

  private cancelRenewal(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
  }

  /**
   * Refresh tokens rotate on use and a spent one revokes its family, so two tabs must not spend the
   * same cookie at once: the Web Locks API serialises refreshes across tabs where it exists.
   */
  private refreshExclusively(): Promise<AuthResponse> {
    const call = () => firstValueFrom(this.api.auth.refresh());
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    // The lib typing nests the callback's promise; at run time request() resolves to its result.
    return locks ? (locks.request(REFRESH_LOCK, call) as Promise<unknown> as Promise<AuthResponse>) : call();
  }
}
