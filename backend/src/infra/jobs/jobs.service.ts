import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/configuration.js';
import { RedisConnections } from '../redis-connections.js';
import { BullJobBackend } from './bullmq.backend.js';
import { InProcessJobBackend } from './in-process.backend.js';
import type { EnqueueOptions, FailedJob, JobBackend, JobDefinition } from './job-types.js';

/**
 * Background jobs, the same code with or without Redis. Features register their job kinds in
 * `onModuleInit` and recurring ones with `every`; the worker starts once the whole app is wired.
 * On shutdown the worker stops taking jobs and finishes the running ones before the database
 * closes.
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly schedules = new Map<string, number>();
  private readonly backend: JobBackend;

  constructor(
    private readonly config: AppConfig,
    redis: RedisConnections,
  ) {
    this.backend = redis.enabled ? new BullJobBackend(redis) : new InProcessJobBackend();
  }

  get kind(): JobBackend['kind'] {
    return this.backend.kind;
  }

  register<T>(definition: JobDefinition<T>): void {
    if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} is registered twice`);
    this.definitions.set(definition.name, definition as JobDefinition);
  }

  /** Runs `name` every `intervalMs` (unless JOB_SCHEDULES_ENABLED=false). */
  every(name: string, intervalMs: number): void {
    this.schedules.set(name, intervalMs);
  }

  async enqueue<T>(name: string, data: T, options: EnqueueOptions = {}): Promise<void> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`Unknown job ${name}`);
    await this.backend.enqueue(name, data, { attempts: definition.attempts ?? 5, backoffMs: definition.backoffMs ?? 2000, ...options });
  }

  failed(limit = 50): Promise<FailedJob[]> {
    return this.backend.failed(limit);
  }

  retryFailed(id: string): Promise<boolean> {
    return this.backend.retryFailed(id);
  }

  /** Only roles that run workers take jobs and keep the schedules; the others only enqueue. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.role.workers) return;
    await this.backend.start(this.definitions);
    if (!this.config.jobs.schedulesEnabled) return;
    for (const [name, intervalMs] of this.schedules) await this.backend.every(name, intervalMs);
    this.logger.log(`Jobs on ${this.backend.kind}: ${[...this.definitions.keys()].join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.backend.stopWorking();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}
