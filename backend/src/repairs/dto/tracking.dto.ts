import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CURRENCIES,
  QUOTE_STATUSES,
  REPAIR_STATUSES,
  type Currency,
  type PublicQuote,
  type PublicStatusStep,
  type PublicTrackingView,
  type QuoteStatus,
  type RepairStatus,
} from '@repairhub/contracts';
import { ShopViewDto } from '../../shop/dto/shop.dto.js';

export class PublicStatusStepDto implements PublicStatusStep {
  @ApiProperty({ enum: REPAIR_STATUSES, nullable: true }) fromStatus: RepairStatus | null;
  @ApiProperty({ enum: REPAIR_STATUSES }) toStatus: RepairStatus;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PublicQuoteDto implements PublicQuote {
  @ApiProperty({ type: 'integer', description: 'Minor units of currency.' }) partsCost: number;
  @ApiProperty({ type: 'integer', description: 'Minor units of currency.' }) laborCost: number;
  @ApiProperty({ type: 'integer', description: 'Minor units of currency.' }) total: number;
  @ApiProperty({ enum: CURRENCIES }) currency: Currency;
  @ApiProperty({ enum: QUOTE_STATUSES }) status: QuoteStatus;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class PublicTrackingViewDto implements PublicTrackingView {
  @ApiProperty({ example: 'R-1042' }) ticketNumber: string;
  @ApiProperty({ enum: REPAIR_STATUSES }) status: RepairStatus;
  @ApiProperty({ type: [PublicStatusStepDto], description: 'Oldest first.' }) history: PublicStatusStepDto[];
  @ApiPropertyOptional({ type: PublicQuoteDto, description: 'The newest quote, when there is one. Accepting it needs the customer to sign in.' })
  quote?: PublicQuoteDto;
  @ApiProperty({ type: ShopViewDto, description: 'Where and when to pick the device up.' }) shop: ShopViewDto;
}
