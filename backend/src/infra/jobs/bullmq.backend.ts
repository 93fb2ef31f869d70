import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type { RedisConnections } from '../redis-connections.js';
import { safeJobId, type EnqueueOptions, type FailedJob, type JobBackend, type JobDefinition } from './job-types.js';

const QUEUE = 'repairhub';

/**
 * BullMQ on Redis: one queue for every job kind (the job name picks the handler), one worker per
 * instance. A job is taken by exactly one worker; retries back off exponentially; jobs that used up
 * their attempts stay in BullMQ's failed set, which is the admins' dead-letter view.
 */
export class BullJobBackend implements JobBackend {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('Jobs');
  private readonly queue: Queue;
  private worker: Worker | null = null;

  constructor(
    private readonly redis: RedisConnections,
    private readonly concurrency = 4,
  ) {
    this.queue = new Queue(QUEUE, {
      connection: redis.open('jobs-queue', { maxRetriesPerRequest: 3 }),
      prefix: `${redis.prefix}bull`,
      defaultJobOptions: {
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
      },
    });
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'Job queue error'));
  }

  async start(definitions: ReadonlyMap<string, JobDefinition>): Promise<void> {
    this.worker = new Worker(
      QUEUE,
      async (job: Job) => {
        const definition = definitions.get(job.name);
        if (!definition) throw new Error(`No handler for job ${job.name}`);
        await definition.handle(job.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
      },
      {
        connection: this.redis.open('jobs-worker', { maxRetriesPerRequest: null }),
        prefix: `${this.redis.prefix}bull`,
        concurrency: this.concurrency,
      },
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'Job worker error'));
    this.worker.on('failed', (job, error) => {
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger[final ? 'error' : 'warn']({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, `Job ${job?.name} failed${final ? ' for good' : '; retrying'}`);
    });
  }

  async enqueue(name: string, data: unknown, options: Required<Pick<JobDefinition, 'attempts' | 'backoffMs'>> & EnqueueOptions): Promise<void> {
    await this.queue.add(name, data, {
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs },
      ...(options.jobId ? { jobId: safeJobId(options.jobId) } : {}),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
    });
  }

  async every(name: string, intervalMs: number): Promise<void> {
    await this.queue.upsertJobScheduler(name, { every: intervalMs }, { name, data: {}, opts: { attempts: 1 } });
  }

  async failed(limit: number): Promise<FailedJob[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: job.id ?? '',
      name: job.name,
      data: job.data,
      attempts: job.attemptsMade,
      error: (job.failedReason ?? '').slice(0, 1000),
      failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
    }));
  }

  async retryFailed(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  async stopWorking(): Promise<void> {
    await this.worker?.close();
  }

  async close(): Promise<void> {
    await this.stopWorking();
    await this.queue.close();
  }
}
