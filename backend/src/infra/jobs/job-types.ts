/** A job kind: its handler must be idempotent (a retry or a second delivery changes nothing more). */
export interface JobDefinition<T = unknown> {
  name: string;
  handle(data: T, context: { jobId: string; attempt: number }): Promise<void>;
  /** Tries in all, first included (default 5). */
  attempts?: number;
  /** First retry delay, doubled after each failure (default 2 s). */
  backoffMs?: number;
}

export interface EnqueueOptions {
  /** Same id while the first is still known → not added again (deduplication). */
  jobId?: string;
  delayMs?: number;
}

/** A job that used up its attempts (the dead-letter view). */
export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  error: string;
  failedAt: string;
}

/** What runs jobs: BullMQ on Redis, or an in-process queue with the same semantics. */
export interface JobBackend {
  readonly kind: 'bullmq' | 'in-process';
  start(definitions: ReadonlyMap<string, JobDefinition>): Promise<void>;
  enqueue(name: string, data: unknown, options: Required<Pick<JobDefinition, 'attempts' | 'backoffMs'>> & EnqueueOptions): Promise<void>;
  /** Recurring enqueue of `name`; with BullMQ the schedule lives in Redis, so only one instance fires each tick. */
  every(name: string, intervalMs: number): Promise<void>;
  failed(limit: number): Promise<FailedJob[]>;
  retryFailed(id: string): Promise<boolean>;
  /** Stops taking jobs and waits for the running ones. */
  stopWorking(): Promise<void>;
  close(): Promise<void>;
}

/** Exponential backoff: base, 2×base, 4×base… */
export function backoffDelay(baseMs: number, failedAttempts: number): number {
  return baseMs * 2 ** Math.max(0, failedAttempts - 1);
}

/** BullMQ refuses ':' in custom ids; keep ids readable and safe. */
export function safeJobId(id: string): string {
  return id.replace(/[^\w.-]/g, '_').slice(0, 200);
}
