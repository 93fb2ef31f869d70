import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  QUOTE_STATUSES,
  REPAIR_STATUSES,
  STALE_QUOTE_DEFAULT_HOURS,
  URGENCIES,
  type DashboardWindowQuery,
  type OpenRequestsView,
  type RepairStatus,
  type RevenueQuery,
  type StaleQuoteRow,
  type StaleQuotesQuery,
  type StaleQuotesView,
  type StatusDurationRow,
  type StatusDurationsView,
  type Urgency,
  type WeeklyMoneyRow,
  type WeeklyRevenueView,
} from '@repairhub/contracts';

export const DEFAULT_WINDOW_DAYS = 90;
export const DEFAULT_REVENUE_WEEKS = 12;

export class DashboardWindowQueryDto implements DashboardWindowQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: DEFAULT_WINDOW_DAYS, description: 'Only stints that ended in the last `days` days count.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365)
  days?: number;
}

export class StaleQuotesQueryDto implements StaleQuotesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 24 * 90, default: STALE_QUOTE_DEFAULT_HOURS })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(24 * 90)
  hours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'How many of the oldest to list.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

export class RevenueQueryDto implements RevenueQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 104, default: DEFAULT_REVENUE_WEEKS })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(104)
  weeks?: number;
}

class OpenRequestsCellDto {
  @ApiProperty({ enum: REPAIR_STATUSES }) status: RepairStatus;
  @ApiProperty({ enum: URGENCIES }) urgency: Urgency;
  @ApiProperty() count: number;
}

export class OpenRequestsViewDto implements OpenRequestsView {
  @ApiProperty() total: number;
  @ApiProperty({ type: [OpenRequestsCellDto] }) cells: OpenRequestsCellDto[];
}

class StatusDurationRowDto implements StatusDurationRow {
  @ApiProperty({ enum: REPAIR_STATUSES }) status: RepairStatus;
  @ApiProperty({ type: Number, nullable: true }) medianSeconds: number | null;
  @ApiProperty() samples: number;
  @ApiProperty() current: number;
}

export class StatusDurationsViewDto implements StatusDurationsView {
  @ApiProperty() days: number;
  @ApiProperty({ type: [StatusDurationRowDto] }) rows: StatusDurationRowDto[];
}

class StaleQuoteRowDto implements StaleQuoteRow {
  @ApiProperty({ format: 'uuid' }) quoteId: string;
  @ApiProperty({ format: 'uuid' }) repairRequestId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() deviceLabel: string;
  @ApiProperty({ enum: QUOTE_STATUSES.filter((s) => s === 'pending' || s === 'payment_pending') }) status: 'pending' | 'payment_pending';
  @ApiProperty({ description: 'Minor units' }) total: number;
  @ApiProperty() currency: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty() waitingHours: number;
}

export class StaleQuotesViewDto implements StaleQuotesView {
  @ApiProperty() hours: number;
  @ApiProperty() count: number;
  @ApiProperty({ type: [StaleQuoteRowDto] }) oldest: StaleQuoteRowDto[];
}

class WeeklyMoneyRowDto implements WeeklyMoneyRow {
  @ApiProperty({ format: 'date', description: 'Monday of the week (UTC)' }) weekStart: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Minor units' }) revenue: number;
  @ApiProperty() payments: number;
  @ApiProperty({ description: 'Minor units' }) refunds: number;
  @ApiProperty() refundCount: number;
}

export class WeeklyRevenueViewDto implements WeeklyRevenueView {
  @ApiProperty() weeks: number;
  @ApiProperty({ type: [String] }) weekStarts: string[];
  @ApiProperty({ type: [WeeklyMoneyRowDto] }) rows: WeeklyMoneyRowDto[];
}
