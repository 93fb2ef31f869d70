import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { ListenerRegistry } from './listener-registry.js';
import type { DomainEventListener, DomainEventMap, DomainEventName } from './domain-event-map.js';

/**
 * A small typed in-process event bus. `publish(manager, ...)` holds the event until the manager's
 * transaction commits (dropped on rollback), so listeners never see a change that did not happen
 * and may read it from the database. Listener failures are logged and never reach the publisher.
 *
 * Kept in-house rather than `@nestjs/event-emitter`: typed payloads per event name and the
 * after-commit delivery are the parts we need, and both are a few lines on top of TypeORM's
 * transaction subscriber hooks.
 */
@Injectable()
export class DomainEvents implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger('DomainEvents');
  private readonly listeners = new ListenerRegistry((name, error) =>
    this.logger.error({ err: error, event: name }, `A listener of ${name} failed`),
  );
  private readonly pending = new WeakMap<QueryRunner, (() => void)[]>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  /** Subscribes; returns the unsubscribe function. */
  on<K extends DomainEventName>(name: K, listener: DomainEventListener<K>): () => void {
    return this.listeners.add(name, listener);
  }

  /** Publishes after `manager`'s transaction commits, or at once when it has none. */
  publish<K extends DomainEventName>(manager: EntityManager, name: K, payload: DomainEventMap[K]): void {
    const runner = manager.queryRunner;
    if (!runner || !runner.isTransactionActive) {
      this.emitSoon(name, payload);
      return;
    }
    const queue = this.pending.get(runner) ?? [];
    queue.push(() => this.emitSoon(name, payload));
    this.pending.set(runner, queue);
  }

  /** TypeORM hook. A savepoint release fires it too; only the outermost commit flushes. */
  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const queue = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    queue?.forEach((deliver) => deliver());
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  /**
   * Next macrotask: the committing query runner is released first (on PGlite it holds the only
   * session), and the publisher's response never waits on listeners.
   */
  private emitSoon<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    setImmediate(() => this.listeners.emit(name, payload));
  }
}
