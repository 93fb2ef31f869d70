import { Injectable, signal } from '@angular/core';
import { readProblem } from '../errors/problem';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

const DISMISS_AFTER_MS = { info: 5000, success: 4000, error: 10000 } as const;
/** More would cover the page on a phone; the oldest gives way. */
const MAX_SHOWN = 2;

/** App-wide toasts; `ToastOutlet` renders them in a live region. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private nextId = 1;
  private readonly list = signal<Toast[]>([]);
  readonly toasts = this.list.asReadonly();

  show(kind: Toast['kind'], text: string): number {
    const id = this.nextId++;
    this.list.update((toasts) => [...toasts.slice(-(MAX_SHOWN - 1)), { id, kind, text }]);
    setTimeout(() => this.dismiss(id), DISMISS_AFTER_MS[kind]);
    return id;
  }

  success(text: string): number {
    return this.show('success', text);
  }

  info(text: string): number {
    return this.show('info', text);
  }

  /** Shows an API error the way `readProblem` words it. */
  error(error: unknown): number {
    return this.show('error', typeof error === 'string' ? error : readProblem(error).message);
  }

  dismiss(id: number): void {
    this.list.update((toasts) => toasts.filter((toast) => toast.id !== id));
  }
}
