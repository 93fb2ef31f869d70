import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { AfterCommitBuffer } from './after-commit-buffer.js';
import { BeforeCommitQueue } from './before-commit-queue.js';
import { ListenerRegistry } from './listener-registry.js';
import type { DomainEventListener, DomainEventMap, DomainEventName, TransactionalListener } from './domain-event-map.js';

/**
 * A small typed in-process event bus with two kinds of listeners:
 * - `inTransaction`: durable reactions (an email in the outbox). They run inside the publishing
 *   transaction, just before it commits, with its manager: what they write commits or rolls back
 *   with the change, and a failure rolls the change back. A crash after the commit loses nothing.
 * - `on`: reactions that may be lost (live Socket.IO pushes). They run after
 *   the commit, may read the change from the database, and their failures are logged and never
 *   reach the publisher; a crash right after the commit skips them.
 *
 * Kept in-house rather than `@nestjs/event-emitter`: typed payloads per event name and the two
 * transaction-bound deliveries are the parts we need, and both are a few lines on top of TypeORM's
 * transaction subscriber hooks.
 */
@Injectable()
export class DomainEvents implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger('DomainEvents');
  private readonly listeners = new ListenerRegistry((name, error) =>
    this.logger.error({ err: error, event: name }, `A listener of ${name} failed`),
  );
  private readonly transactional = new Map<DomainEventName, TransactionalListener<DomainEventName>[]>();
  private readonly beforeCommit = new BeforeCommitQueue();
  private readonly afterCommit = new AfterCommitBuffer();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  /** Subscribes a reaction that runs after the commit (and may be lost); returns the unsubscribe function. */
  on<K extends DomainEventName>(name: K, listener: DomainEventListener<K>): () => void {
    return this.listeners.add(name, listener);
  }

  /** Subscribes a durable reaction that runs inside the publishing transaction, before it commits. */
  inTransaction<K extends DomainEventName>(name: K, listener: TransactionalListener<K>): void {
    this.transactional.set(name, [...(this.transactional.get(name) ?? []), listener as TransactionalListener<DomainEventName>]);
  }

  /**
   * Publishes an event of `manager`'s transaction: durable listeners run before it commits, the
   * others after. Outside a transaction the others run at once; an event with durable listeners
   * must be published inside the transaction of its change.
   */
  publish<K extends DomainEventName>(manager: EntityManager, name: K, payload: DomainEventMap[K]): void {
    const runner = manager.queryRunner;
    const durable = this.transactional.get(name) ?? [];
    if (durable.length) {
      if (!runner?.isTransactionActive) throw new Error(`${name} has durable listeners: publish it inside the transaction of its change`);
      for (const listener of durable) this.beforeCommit.add(runner, () => listener(runner.manager, payload));
    }
    this.afterCommit.hold(runner, () => this.emitSoon(name, payload));
  }

  /**
   * Runs `push` once `manager`'s transaction has committed (at once outside one) and never after a
   * rollback: the live push of what a durable listener wrote.
   */
  whenCommitted(manager: EntityManager, push: () => void): void {
    this.afterCommit.hold(manager.queryRunner, () => setImmediate(push));
  }

  /** Publishes a fact that no transaction guards (it has already happened everywhere it must). */
  publishNow<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    if (this.transactional.has(name)) throw new Error(`${name} has durable listeners: publish it inside the transaction of its change`);
    this.emitSoon(name, payload);
  }

  /** TypeORM hooks (this service registers itself as a subscriber). */
  beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    return this.beforeCommit.flush(event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.afterCommit.committed(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.beforeCommit.rolledBack(event.queryRunner);
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
