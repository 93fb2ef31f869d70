import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { runExclusively } from '../database/exclusive-run.js';
import { Jobs } from '../infra/jobs/jobs.service.js';
import { isAttachmentKey } from './attachment-keys.js';
import { AttachmentStorage } from './attachment-storage.js';
import { AttachmentsRepository } from './attachments.repository.js';

/** Far longer than an upload takes from writing its bytes to committing its row. */
export const SWEEP_GRACE_MS = 60 * 60_000;
export const SWEEP_INTERVAL_MS = 60 * 60_000;

/**
 * An upload writes its bytes before it commits its row, and a process that dies in between (or a
 * delete whose storage call failed) leaves objects no row points at. Every hour this removes stored
 * objects older than the grace period that no attachment references, a page at a time. Only one
 * sweep runs at once across instances; a second one started meanwhile does nothing.
 */
@Injectable()
export class AttachmentSweep implements OnModuleInit {
  private readonly logger = new Logger('AttachmentSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: AttachmentStorage,
    private readonly attachments: AttachmentsRepository,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'attachments.sweep', attempts: 3, handle: async () => void (await this.sweep()) });
    this.jobs.every('attachments.sweep', SWEEP_INTERVAL_MS);
  }

  /** How many objects it removed, or null when another sweep was under way. */
  sweep(): Promise<number | null> {
    return runExclusively(this.db, 'attachments.sweep', async () => {
      const olderThan = Date.now() - SWEEP_GRACE_MS;
      let listed = 0;
      let removed = 0;
      let failed = 0;
      for await (const page of this.storage.list()) {
        listed += page.length;
        const candidates = page.filter((o) => o.lastModified.getTime() < olderThan && isAttachmentKey(o.key)).map((o) => o.key);
        if (candidates.length === 0) continue;
        // Asked per page, right before deleting, so a row committed since the listing keeps its bytes.
        const referenced = await this.attachments.referencedKeys(this.db.manager, candidates);
        for (const key of candidates.filter((k) => !referenced.has(k))) {
          try {
            await this.storage.delete(key);
            removed++;
          } catch (error) {
            failed++;
            this.logger.warn({ key, err: error }, 'Could not remove an unreferenced attachment object');
          }
        }
      }
      this.logger.log({ listed, removed, failed }, `Attachment sweep removed ${removed} unreferenced object(s)`);
      // The job runs again (with backoff) for the ones the storage refused.
      if (failed > 0) throw new Error(`${failed} unreferenced attachment objects could not be removed`);
      return removed;
    });
  }
}
