import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { AfterCommitBuffer } from './after-commit-buffer.js';
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
  private readonly afterCommit = new AfterCommitBuffer();

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
    this.afterCommit.hold(manager.queryRunner, () => this.emitSoon(name, payload));
  }

  /** Publishes a fact that no transaction guards (it has already happened everywhere it must). */
  publishNow<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.emitSoon(name, payload);
  }

  /** TypeORM hook (this service registers itself as a subscriber). */
  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.afterCommit.committed(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.afterCommit.rolledBack(event.queryRunner);
  }

  /**
   * Next macrotask: the committing query runner is released first (on PGlite it holds the only
   * session), and the publisher's response never waits on listeners.
   */
  private emitSoon<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    setImmediate(() => this.listeners.emit(name, payload));
  }
}
