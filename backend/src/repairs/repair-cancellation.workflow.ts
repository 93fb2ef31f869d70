import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RepairDetail } from '@repairhub/contracts';
import type { DataSource } from 'typeorm';
import { conflict, forbidden } from '../common/errors/domain-error.js';
import { QuotesRepository } from '../quotes/quotes.repository.js';
import { actorFor } from './repair.policy.js';
import type { Viewer } from './repair-visibility.js';
import { RepairsService } from './repairs.service.js';

/**
 * Cancelling a repair, across features in one transaction: the repair is locked, its open quote is
 * closed through the quotes' owner and state machine (refused while the customer is paying), then the
 * repair moves to `cancelled` through its own state machine, which records history, the webhook and
 * `repair.status_changed` once.
 */
@Injectable()
export class RepairCancellationWorkflow {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repairs: RepairsService,
    private readonly quotes: QuotesRepository,
  ) {}

  async cancel(viewer: Viewer, repairId: string, note: string | null): Promise<RepairDetail> {
    await this.db.transaction(async (m) => {
      const repair = await this.repairs.lockVisible(m, viewer, repairId);
      const role = actorFor(viewer, repair);
      if (!role) throw forbidden('REPAIR.NOT_ASSIGNED', 'Only the assigned technician can change this repair’s status.');
      this.repairs.assertTransition(repair.status, 'cancelled', role);
      await this.quotes.closeOpenForRepair(m, repair.id, () =>
        conflict('REPAIR.PAYMENT_IN_PROGRESS', 'A payment for this repair is under way; it cannot be cancelled now.'),
      );
      await this.repairs.applyTransition(m, repair, 'cancelled', { id: viewer.id, role }, note);
    });
    return this.repairs.get(viewer, repairId);
  }
}
