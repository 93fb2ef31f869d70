import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import type { Device } from '../devices/device.entity.js';
import type { RepairRequest } from '../repairs/repair-request.entity.js';
import type { User } from '../users/user.entity.js';

/**
 * What a repair email needs of its recipient and of the repair it is about. The tracking token only
 * when the recipient is the repair's customer: the tracking link is theirs alone.
 */
export type EmailRecipient = Pick<User, 'email' | 'name' | 'active' | 'emailNonEssential'> &
  Pick<RepairRequest, 'ticketSeq' | 'trackingToken'> & { brand: Device['brand'] | null; model: Device['model'] | null };

/**
 * Read model of email composition: the recipient, the repair and its device in one round trip, read
 * with `m`, the transaction of the change the email reports (it sees that change).
 */
export async function loadEmailRecipient(m: EntityManager, userId: string, repairId: string): Promise<EmailRecipient | null> {
  const [row] = await queryRows<EmailRecipient>(
    m,
    `SELECT u.email, u.name, u.active, u.email_non_essential AS "emailNonEssential", r.ticket_seq AS "ticketSeq", d.brand, d.model,
            CASE WHEN r.customer_id = u.id THEN r.tracking_token END AS "trackingToken"
       FROM users u LEFT JOIN repair_requests r ON r.id = $2 LEFT JOIN devices d ON d.id = r.device_id
      WHERE u.id = $1`,
    [userId, repairId],
  );
  return row ?? null;
}
