import { Logger } from '@nestjs/common';
import { backoffDelay, type EnqueueOptions, type FailedJob, type JobBackend, type JobDefinition } from './job-types.js';

const KEEP_FAILED = 500;
const REMEMBER_IDS = 10_000;

/**
 * Jobs without Redis: the same handlers, retries with exponential backoff and a dead-letter list, in
 * this process. Honest limits: queued and failed jobs live in memory, so a restart loses them (one
 * instance only; set REDIS_URL for durable queues).
 */
export class InProcessJobBackend implements JobBackend {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('Jobs');
  private definitions: ReadonlyMap<string, JobDefinition> = new Map();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly seenIds = new Set<string>();
  private readonly dead: (FailedJob & { options: Required<Pick<JobDefinition, 'attempts' | 'backoffMs'>> })[] = [];
  private stopped = false;
  private sequence = 0;

  async start(definitions: ReadonlyMap<string, JobDefinition>): Promise<void> {
    this.definitions = definitions;
  }

  async enqueue(name: string, data: unknown, options: Required<Pick<JobDefinition, 'attempts' | 'backoffMs'>> & EnqueueOptions): Promise<void> {
    if (this.stopped) throw new Error('The job queue is shutting down');
    const id = options.jobId ?? `local-${++this.sequence}`;
    if (options.jobId) {
      if (this.seenIds.has(id)) return;
      this.seenIds.add(id);
      if (this.seenIds.size > REMEMBER_IDS) this.seenIds.delete(this.seenIds.values().next().value!);
    }
    this.later(options.delayMs ?? 0, () => this.run(id, name, data, 1, options));
  }

  async every(name: string, intervalMs: number): Promise<void> {
    const timer = setInterval(() => {
      if (!this.stopped) void this.enqueue(name, {}, { attempts: 1, backoffMs: 1000 }).catch(() => undefined);
    }, intervalMs);
    timer.unref();
    this.timers.add(timer);
  }

  async failed(limit: number): Promise<FailedJob[]> {
    return this.dead.slice(-limit).reverse().map(({ options: _options, ...job }) => job);
  }

  async retryFailed(id: string): Promise<boolean> {
    const index = this.dead.findIndex((job) => job.id === id);
    if (index < 0) return false;
    const [job] = this.dead.splice(index, 1);
    this.later(0, () => this.run(job.id, job.name, job.data, 1, job.options));
    return true;
  }

  async stopWorking(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    await this.stopWorking();
  }

  private later(delayMs: number, work: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      const running = work().finally(() => this.running.delete(running));
      this.running.add(running);
    }, delayMs);
    this.timers.add(timer);
  }

  private async run(id: string, name: string, data: unknown, attempt: number, options: Required<Pick<JobDefinition, 'attempts' | 'backoffMs'>>): Promise<void> {
    const definition = this.definitions.get(name);
    try {
      if (!definition) throw new Error(`No handler for job ${name}`);
      await definition.handle(data, { jobId: id, attempt });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt < options.attempts && !this.stopped) {
        this.logger.warn({ job: name, jobId: id, attempt, err: error }, `Job ${name} failed; retrying`);
        this.later(backoffDelay(options.backoffMs, attempt), () => this.run(id, name, data, attempt + 1, options));
        return;
      }
      this.logger.error({ job: name, jobId: id, attempt, err: error }, `Job ${name} failed for good`);
      this.dead.push({ id, name, data, attempts: attempt, error: message.slice(0, 1000), failedAt: new Date().toISOString(), options });
      if (this.dead.length > KEEP_FAILED) this.dead.shift();
    }
  }
}
