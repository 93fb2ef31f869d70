import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  REPAIR_STATUSES,
  SLOT_QUERY_DAYS_MAX,
  type AppointmentDay,
  type AppointmentSlot,
  type AppointmentSlotsQuery,
  type AppointmentSlotsView,
  type DropOffDayQuery,
  type DropOffDayView,
  type DropOffItem,
  type DropOffView,
  type RepairStatus,
  type RescheduleDropOffRequest,
} from '@repairhub/contracts';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const both =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** A local calendar date, `YYYY-MM-DD`, that exists. */
const LocalDate = (field: string) =>
  both(Matches(LOCAL_DATE, { message: `${field} must be a date written YYYY-MM-DD` }), IsISO8601({ strict: true }, { message: `${field} must be a real calendar date` }));

/** An instant with its offset (`2026-12-02T10:30:00Z`), as the slots list gives it. */
export const DropOffAt = () =>
  both(
    Matches(INSTANT, { message: 'dropOffAt must be a date and time with its offset, e.g. 2026-12-02T10:30:00Z' }),
    IsISO8601({ strict: true }, { message: 'dropOffAt must be a real date and time' }),
  );

export class AppointmentSlotsQueryDto implements AppointmentSlotsQuery {
  @ApiPropertyOptional({ example: '2026-12-02', description: 'First local day (`YYYY-MM-DD`, the shop’s time zone); default today. Days before today are skipped.' })
  @IsOptional() @LocalDate('from')
  from?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SLOT_QUERY_DAYS_MAX, description: 'How many days from `from`; default the whole booking window. Never beyond it.' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'days must be a whole number' }) @Min(1) @Max(SLOT_QUERY_DAYS_MAX)
  days?: number;
}

export class DropOffDayQueryDto implements DropOffDayQuery {
  @ApiPropertyOptional({ example: '2026-12-02', description: 'The local day (`YYYY-MM-DD`, the shop’s time zone); default today.' })
  @IsOptional() @LocalDate('date')
  date?: string;
}

export class RescheduleDropOffDto implements RescheduleDropOffRequest {
  @ApiProperty({ format: 'date-time', example: '2026-12-02T10:30:00Z', description: 'The `startsAt` of a free slot.' })
  @DropOffAt()
  dropOffAt: string;
}

export class AppointmentSlotDto implements AppointmentSlot {
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '2026-12-02', description: 'Local date.' }) date: string;
  @ApiProperty({ example: '10:30', description: 'Local start time, 24-hour.' }) time: string;
  @ApiProperty({ description: 'A seat is left in this slot.' }) free: boolean;
}

export class AppointmentDayDto implements AppointmentDay {
  @ApiProperty({ example: '2026-12-02' }) date: string;
  @ApiProperty({ type: [AppointmentSlotDto] }) slots: AppointmentSlotDto[];
}

export class AppointmentSlotsViewDto implements AppointmentSlotsView {
  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone of every local date and time here.' }) timeZone: string;
  @ApiProperty({ example: 30 }) slotMinutes: number;
  @ApiProperty({ example: 14, description: 'Days ahead that may be booked, today included.' }) bookingDays: number;
  @ApiProperty({ type: [AppointmentDayDto], description: 'Days with a slot still to come; closed days are left out.' }) days: AppointmentDayDto[];
}

export class DropOffViewDto implements DropOffView {
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: 'Europe/London' }) timeZone: string;
}

export class DropOffItemDto implements DropOffItem {
  @ApiProperty({ format: 'uuid' }) repairId: string;
  @ApiProperty({ example: 'R-1042' }) ticketNumber: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '10:30' }) time: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ example: 'Apple iPhone 13' }) deviceLabel: string;
  @ApiProperty({ enum: REPAIR_STATUSES }) status: RepairStatus;
}

export class DropOffDayViewDto implements DropOffDayView {
  @ApiProperty({ example: '2026-12-02' }) date: string;
  @ApiProperty({ example: 'Europe/London' }) timeZone: string;
  @ApiProperty({ type: [DropOffItemDto], description: 'Earliest first.' }) items: DropOffItemDto[];
}
