import type { ApiResponse } from './api-client.js';
import { ContractViolation } from './openapi-contract.js';
import { sleep } from './processes.js';

/** One request of a load loop: its answer, or the error that stood for one (connection refused, reset, timeout). */
export interface Sample {
  label: string;
  startedAt: number;
  ms: number;
  status: number | null;
  contentType: string | null;
  code: string | null;
  error: string | null;
}

/**
 * Client loops that send requests until `stop()` is called, each at most one request per `paceMs`
 * and never more than `maxRequests` in all, recording every outcome. Every loop is bounded in count
 * and, through each request's own timeout, in time.
 */
export class LoadLoops {
  readonly samples: Sample[] = [];
  private stopped = false;
  private violation: ContractViolation | undefined;
  private readonly loops: Promise<void>[] = [];

  start(label: string, request: () => Promise<ApiResponse>, options: { paceMs: number; maxRequests: number }): void {
    this.loops.push(
      (async () => {
        for (let i = 0; i < options.maxRequests && !this.stopped; i++) {
          const startedAt = Date.now();
          try {
            const res = await request();
            const code = typeof res.body === 'object' && res.body ? ((res.body as { code?: string }).code ?? null) : null;
            this.samples.push({
              label,
              startedAt,
              ms: Date.now() - startedAt,
              status: res.status,
              contentType: res.headers.get('content-type'),
              code,
              error: null,
            });
          } catch (error) {
            // An answer that breaks the API document fails the test at stop(), instead of counting as one more failed sample.
            if (error instanceof ContractViolation) {
              this.violation ??= error;
              this.stopped = true;
              return;
            }
            this.samples.push({
              label,
              startedAt,
              ms: Date.now() - startedAt,
              status: null,
              contentType: null,
              code: null,
              error: String((error as Error).cause ?? error),
            });
          }
          await sleep(Math.max(0, options.paceMs - (Date.now() - startedAt)));
        }
      })(),
    );
  }

  async stop(): Promise<Sample[]> {
    this.stopped = true;
    await Promise.all(this.loops);
    if (this.violation) throw this.violation;
    return this.samples;
  }

  /** The samples that were not a 2xx answer. */
  failures(): Sample[] {
    return this.samples.filter((s) => s.status === null || s.status >= 300);
  }
}

/** A compact "status (code) × count" summary for assertion messages and the README table. */
export function summarize(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) {
    const key = s.status === null ? `error: ${s.error?.slice(0, 80)}` : `${s.status}${s.code ? ` ${s.code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
