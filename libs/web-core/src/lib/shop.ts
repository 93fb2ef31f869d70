import { Injectable, inject } from '@angular/core';
import type { ShopView } from '@repairhub/contracts';
import { type Observable, catchError, shareReplay, throwError } from 'rxjs';
import { ApiClient } from './api/api-client';

/** The shop's settings come from the server once per page load; after a failed load the next `load()` asks again. */
@Injectable({ providedIn: 'root' })
export class ShopSettings {
  private readonly api = inject(ApiClient);
  private cached: Observable<ShopView> | null = null;

  load(): Observable<ShopView> {
    this.cached ??= this.api.shop.get().pipe(
      catchError((error: unknown) => {
        this.cached = null;
        return throwError(() => error);
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.cached;
  }
}
