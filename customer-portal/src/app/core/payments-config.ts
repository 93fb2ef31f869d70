import { Injectable, inject } from '@angular/core';
import type { PaymentsConfigView } from '@repairhub/contracts';
import { ApiClient } from '@repairhub/web-core';
import { type Observable, shareReplay } from 'rxjs';

/** The payment mode comes from the server at run time, so the same build works with or without Stripe. */
@Injectable({ providedIn: 'root' })
export class PaymentsConfig {
  private readonly api = inject(ApiClient);
  private cached: Observable<PaymentsConfigView> | null = null;

  load(): Observable<PaymentsConfigView> {
    this.cached ??= this.api.payments.config().pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.cached;
  }

  /** After a failed load, the next `load()` asks again. */
  forget(): void {
    this.cached = null;
  }
}
