import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AUTH_ENDPOINT } from '../api/http-context';
import { API_BASE_URL } from '../config';
import { AuthStore } from './auth-store';

function withToken<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Attaches the access token to API requests. On a 401 it refreshes once (shared by every request
 * that fails at the same time) and retries; if the refresh is refused the session ends and the
 * original error reaches the caller.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthStore);
  const base = inject(API_BASE_URL);
  if (!request.url.startsWith(base) || request.context.get(AUTH_ENDPOINT)) return next(request);

  const sentWith = auth.accessToken();
  return next(withToken(request, sentWith)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !sentWith) return throwError(() => error);
      return auth.refresh(sentWith).pipe(
        catchError(() => throwError(() => error)),
        switchMap((fresh) => next(withToken(request, fresh))),
      );
    }),
  );
};
