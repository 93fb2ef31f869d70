import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  CURRENCIES,
  MAX_AMOUNT_MINOR,
  QUOTE_DEFAULT_TTL_DAYS,
  QUOTE_MAX_TTL_DAYS,
  QUOTE_NOTES_MAX,
  QUOTE_REJECTION_REASON_MAX,
  QUOTE_STATUSES,
  type CreateQuoteRequest,
  type Currency,
  type QuoteStatus,
  type QuoteView,
  type RejectQuoteRequest,
} from '@repairhub/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const amount = (name: string) => ({
  description: `${name} in minor units of \`currency\` (cents for usd; yen for jpy).`,
  minimum: 0,
  maximum: MAX_AMOUNT_MINOR,
  type: 'integer' as const,
});

/**
 * No `total` and no `status`: the server computes the one and owns the other (unknown fields are refused).
 * The total is capped like each line (400 `QUOTE.TOTAL_TOO_LARGE`).
 */
export class CreateQuoteDto implements CreateQuoteRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  repairRequestId: string;

  @ApiProperty({ ...amount('Parts'), example: 12999 })
  @IsInt({ message: 'partsCost must be an integer amount in minor units' }) @Min(0) @Max(MAX_AMOUNT_MINOR)
  partsCost: number;

  @ApiProperty({ ...amount('Labor'), example: 4500 })
  @IsInt({ message: 'laborCost must be an integer amount in minor units' }) @Min(0) @Max(MAX_AMOUNT_MINOR)
  laborCost: number;

  @ApiProperty({ enum: CURRENCIES, example: 'usd', description: 'ISO 4217, lower-case.' })
  @IsIn(CURRENCIES, { message: 'currency must be a lower-case ISO 4217 code such as usd or eur' })
  currency: Currency;

  @ApiPropertyOptional({ maxLength: QUOTE_NOTES_MAX })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(QUOTE_NOTES_MAX)
  notes?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: `Defaults to ${QUOTE_DEFAULT_TTL_DAYS} days from now; must be in the future and within ${QUOTE_MAX_TTL_DAYS} days.`,
  })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: string;
}

export class QuoteViewDto implements QuoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) repairRequestId: string;
  @ApiProperty({ format: 'uuid' }) technicianId: string;
  @ApiProperty({ type: 'integer', example: 12999 }) partsCost: number;
  @ApiProperty({ type: 'integer', example: 4500 }) laborCost: number;
  @ApiProperty({ type: 'integer', example: 17499, description: 'partsCost + laborCost, computed by the server.' }) total: number;
  @ApiProperty({ enum: CURRENCIES, example: 'usd' }) currency: Currency;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ enum: QUOTE_STATUSES, description: 'A pending quote past expiresAt reads as expired.' }) status: QuoteStatus;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class RejectQuoteDto implements RejectQuoteRequest {
  @ApiPropertyOptional({ maxLength: QUOTE_REJECTION_REASON_MAX, description: 'Shown to the technician.' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(QUOTE_REJECTION_REASON_MAX)
  reason?: string;
}
