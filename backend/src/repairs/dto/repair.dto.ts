import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import {
  type CustomerContact,
  ACTORS,
  CURRENCIES,
  ISSUE_DESCRIPTION_MAX,
  ISSUE_DESCRIPTION_MIN,
  REPAIR_SEARCH_MAX,
  REPAIR_STATUSES,
  STATUS_NOTE_MAX,
  UNASSIGNED,
  URGENCIES,
  type Actor,
  type AssignRepairRequest,
  type ChangeRepairStatusRequest,
  type CreateRepairRequest,
  type Currency,
  type ListRepairsQuery,
  type Page,
  type PaymentStatus,
  type RepairDetail,
  type RepairPaymentView,
  type RepairStatus,
  type RepairSummary,
  type StatusHistoryEntry,
  type Urgency,
} from '@repairhub/contracts';
import { DropOffAt, DropOffViewDto } from '../../appointments/dto/appointment.dto.js';
import { PageQueryDto } from '../../common/http/pagination.js';
import { DeviceViewDto } from '../../devices/dto/device.dto.js';
import { QuoteViewDto } from '../../quotes/dto/quote.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRepairDto implements CreateRepairRequest {
  @ApiProperty({ format: 'uuid', description: 'One of my devices.' })
  @IsUUID('all')
  deviceId: string;

  @ApiProperty({ minLength: ISSUE_DESCRIPTION_MIN, maxLength: ISSUE_DESCRIPTION_MAX, example: 'The screen flickers and goes black after a few minutes.' })
  @Transform(trim) @IsString()
  @MinLength(ISSUE_DESCRIPTION_MIN, { message: `issueDescription must be at least ${ISSUE_DESCRIPTION_MIN} characters` })
  @MaxLength(ISSUE_DESCRIPTION_MAX)
  issueDescription: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES, { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency: Urgency;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-02T10:30:00Z', description: 'Book a drop-off: the `startsAt` of a free slot from `GET /appointments/slots`. The repair and the booking are made together or not at all.' })
  @IsOptional() @DropOffAt()
  dropOffAt?: string;
}

export class ListRepairsQueryDto extends PageQueryDto implements ListRepairsQuery {
  @ApiPropertyOptional({ enum: REPAIR_STATUSES })
  @IsOptional() @IsIn(REPAIR_STATUSES)
  status?: RepairStatus;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional() @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({
    description: `A technician id, or \`${UNASSIGNED}\` for unassigned requests.`,
    example: UNASSIGNED,
    anyOf: [{ type: 'string', enum: [UNASSIGNED] }, { type: 'string', format: 'uuid' }],
  })
  @IsOptional()
  @Matches(/^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: `assignedTo must be a user id or ${UNASSIGNED}` })
  assignedTo?: string;

  @ApiPropertyOptional({ type: Boolean, description: '`true`: only repairs neither completed nor cancelled.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;

  @ApiPropertyOptional({
    maxLength: REPAIR_SEARCH_MAX,
    description: 'Staff only (403 for customers): a ticket number (`R-1042`, any case) matches exactly; other text matches inside the customer’s name or email or the device’s brand and model, and a phone number (any format) inside the customer’s.',
    example: 'R-1042',
  })
  @IsOptional() @Transform(trim) @IsString() @MinLength(1, { message: 'q must not be empty' }) @MaxLength(REPAIR_SEARCH_MAX)
  q?: string;
}

export class AssignRepairDto implements AssignRepairRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Technicians may omit it (themselves); admins must name an active technician.' })
  @IsOptional() @IsUUID('all')
  technicianId?: string;
}

export class ChangeRepairStatusDto implements ChangeRepairStatusRequest {
  @ApiProperty({ enum: REPAIR_STATUSES, description: 'Only the moves of the contracts’ table for your role on this repair.' })
  @IsIn(REPAIR_STATUSES, { message: `status must be one of ${REPAIR_STATUSES.join(', ')}` })
  status: RepairStatus;

  @ApiPropertyOptional({ maxLength: STATUS_NOTE_MAX })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(STATUS_NOTE_MAX)
  note?: string;
}

export class RepairSummaryDto implements RepairSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'R-1042', description: 'Short human reference: sequential, unique, never reused.' }) ticketNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ format: 'uuid' }) deviceId: string;
  @ApiProperty({ example: 'Apple MacBook Pro 14' }) deviceLabel: string;
  @ApiProperty() issueDescription: string;
  @ApiProperty({ enum: URGENCIES }) urgency: Urgency;
  @ApiProperty({ enum: REPAIR_STATUSES }) status: RepairStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedTechnicianId: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedTechnicianName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class StatusHistoryEntryDto implements StatusHistoryEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPAIR_STATUSES, nullable: true }) fromStatus: RepairStatus | null;
  @ApiProperty({ enum: REPAIR_STATUSES }) toStatus: RepairStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ enum: ACTORS }) actorRole: Actor;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RepairPaymentViewDto implements RepairPaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quoteId: string;
  @ApiProperty({ type: 'integer', example: 17499, description: 'Minor units of currency.' }) amount: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Refunded so far, minor units.' }) amountRefunded: number;
  @ApiProperty({ enum: CURRENCIES, example: 'usd' }) currency: Currency;
  @ApiProperty({ enum: ['succeeded', 'refunded'] }) status: PaymentStatus;
  @ApiProperty({ description: 'Taken in test mode (no Stripe key): no real money.' }) testMode: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CustomerContactDto implements CustomerContact {
  @ApiProperty({ type: String, format: 'email', nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Digits with an optional leading `+`.' }) phone: string | null;
}

export class RepairDetailDto extends RepairSummaryDto implements RepairDetail {
  @ApiProperty({ type: DeviceViewDto }) device: DeviceViewDto;
  @ApiProperty({ type: [QuoteViewDto], description: 'Newest first.' }) quotes: QuoteViewDto[];
  @ApiProperty({ type: [StatusHistoryEntryDto], description: 'Oldest first.' }) history: StatusHistoryEntryDto[];
  @ApiProperty({
    type: [RepairPaymentViewDto],
    description: 'Payments that went through, newest first: `refunded` when refunded in full, `succeeded` with `amountRefunded > 0` after a partial refund.',
  })
  payments: RepairPaymentViewDto[];
  @ApiProperty({ enum: REPAIR_STATUSES, isArray: true, description: 'What you may move it to now.' }) availableStatuses: RepairStatus[];
  @ApiProperty({ type: String, nullable: true, description: 'What the device looked like when it was left at the counter.' }) condition: string | null;
  @ApiProperty({ type: [String], description: 'What was left with the device.' }) accessories: string[];
  @ApiProperty({ type: String, nullable: true, description: 'A deposit taken at the counter, as staff wrote it down.' }) depositNote: string | null;
  @ApiProperty({ type: String, format: 'uri', nullable: true, description: 'The public status page, to hand to the customer; `POST /repairs/:id/tracking-link` replaces it.' })
  trackingUrl: string | null;
  @ApiProperty({ type: DropOffViewDto, nullable: true, description: 'The booked drop-off, while it stands.' }) dropOff: DropOffViewDto | null;
  @ApiProperty({
    type: () => CustomerContactDto,
    nullable: true,
    description: 'How staff reach the customer (a walk-in may have only a phone); `null` for the customer and in webhook payloads.',
  })
  customerContact: CustomerContactDto | null;
}

export class RepairPageDto implements Page<RepairSummary> {
  @ApiProperty({ type: [RepairSummaryDto] }) items: RepairSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
