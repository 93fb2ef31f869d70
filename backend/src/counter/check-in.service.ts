import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatTicketNumber, type CheckInInvitation, type CheckInResponse } from '@repairhub/contracts';
import { invalid, notFound } from '../common/errors/domain-error.js';
import { PasswordResetService } from '../auth/password-reset.service.js';
import { AppConfig } from '../config/configuration.js';
import { DevicesService } from '../devices/devices.service.js';
import { RepairsRepository } from '../repairs/repairs.repository.js';
import { RepairsService } from '../repairs/repairs.service.js';
import type { Viewer } from '../repairs/repair-visibility.js';
import { trackingUrl } from '../repairs/tracking-token.js';
import type { CheckInDto } from './dto/check-in.dto.js';
import { WalkInCustomers } from '../users/walk-in-customers.repository.js';

/** Staff check a walk-in customer's device in at the counter: customer, device and repair in one transaction. */
@Injectable()
export class CheckInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly devices: DevicesService,
    private readonly repairs: RepairsService,
    private readonly repairsRepository: RepairsRepository,
    private readonly invitations: PasswordResetService,
    private readonly walkIns: WalkInCustomers,
  ) {}

  /**
   * The repair starts `submitted`; a technician checking it in takes it unless they say otherwise. A customer with an
   * email and no password yet (created now, or at an earlier visit) is emailed an invitation naming this repair; one
   * with only a phone number is not, and the answer says so.
   */
  async checkIn(staff: Viewer, input: CheckInDto): Promise<CheckInResponse> {
    if (input.device && input.deviceId) throw invalid('CHECKIN.DEVICE_AMBIGUOUS', 'Give either a new device or deviceId, not both.', 'deviceId');
    if (!input.device && !input.deviceId) throw invalid('CHECKIN.DEVICE_REQUIRED', 'Describe the device, or pick one of the customer’s.', 'device');

    const { id, invitation } = await this.db.transaction(async (m) => {
      const customer = await this.walkIns.findOrCreate(m, input.customer);
      let deviceId = input.deviceId;
      if (deviceId) {
        if (!(await this.devices.isOwnedBy(deviceId, customer.id, m))) throw notFound('DEVICE.NOT_FOUND', 'Device');
      } else {
        deviceId = (await this.devices.create({ id: customer.id }, input.device!, m)).id;
      }
      const repairId = await this.repairs.insert(
        m,
        {
          customerId: customer.id,
          deviceId,
          issueDescription: input.issueDescription,
          urgency: input.urgency,
          condition: input.condition || undefined,
          accessories: input.accessories,
          depositNote: input.depositNote || undefined,
        },
        { id: staff.id, role: staff.role },
      );
      if (staff.role === 'technician' && input.assignToMe !== false) await this.repairs.assignLocked(m, await this.repairs.lock(m, repairId), staff.id, staff.id);
      const invitation: CheckInInvitation = customer.email === null ? 'no_email' : customer.hasPassword ? 'has_password' : 'sent';
      if (invitation === 'sent') {
        const repair = (await this.repairsRepository.findTicket(m, repairId))!;
        await this.invitations.invite(m, customer, {
          ticketNumber: formatTicketNumber(repair.ticketSeq),
          trackingUrl: trackingUrl(this.config.http.publicUrl, repair.trackingToken!),
        });
      }
      return { id: repairId, invitation };
    });
    return { ...(await this.repairs.get(staff, id)), invitation };
  }
}
