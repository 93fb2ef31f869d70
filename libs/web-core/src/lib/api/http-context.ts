import { HttpContextToken } from '@angular/common/http';

/** Marks the session routes (login, register, refresh, logout): sent without a bearer token, never refreshed-and-retried. */
export const AUTH_ENDPOINT = new HttpContextToken<boolean>(() => false);
