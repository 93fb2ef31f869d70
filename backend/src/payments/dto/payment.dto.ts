import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  CURRENCIES,
  MAX_AMOUNT_MINOR,
  PAYMENT_STATUSES,
  REFUND_REASON_MAX,
  REFUND_STATUSES,
  type AcceptQuoteResponse,
  type Currency,
  type ListPaymentsQuery,
  type PaymentListItem,
  type PaymentStatus,
  type PaymentsConfigView,
  type PaymentView,
  type RefundRequest,
  type RefundStatus,
  type RefundView,
  type TestConfirmRequest,
} from '@repairhub/contracts';
import { PageQueryDto } from '../../common/http/pagination.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RefundDto implements RefundRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_AMOUNT_MINOR, description: 'Minor units; omit to refund everything that remains.' })
  @IsOptional() @IsInt({ message: 'amount must be an integer amount in minor units' }) @Min(1) @Max(MAX_AMOUNT_MINOR)
  amount?: number;

  @ApiProperty({ maxLength: REFUND_REASON_MAX, example: 'Part out of stock; customer asked to cancel.' })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'reason is required' }) @MaxLength(REFUND_REASON_MAX)
  reason: string;
}

export class TestConfirmDto implements TestConfirmRequest {
  @ApiPropertyOptional({ enum: ['succeeded', 'failed'], default: 'succeeded', description: 'Simulate a successful or a declined card.' })
  @IsOptional() @IsIn(['succeeded', 'failed'])
  outcome?: 'succeeded' | 'failed';
}

export class ListPaymentsQueryDto extends PageQueryDto implements ListPaymentsQuery {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES })
  @IsOptional() @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: one customer’s payments. Customers only ever see their own.' })
  @IsOptional() @IsUUID('all')
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Payments for one repair request.' })
  @IsOptional() @IsUUID('all')
  repairRequestId?: string;
}

export class RefundViewDto implements RefundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', example: 5000 }) amount: number;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: REFUND_STATUSES, description: '`pending` until Stripe confirms it (charge.refunded).' }) status: RefundStatus;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PaymentViewDto implements PaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quoteId: string;
  @ApiProperty({ format: 'uuid' }) repairRequestId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: 'integer', example: 17499, description: 'Minor units of currency.' }) amount: number;
  @ApiProperty({ type: 'integer', example: 0 }) amountRefunded: number;
  @ApiProperty({ enum: CURRENCIES, example: 'usd' }) currency: Currency;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
  @ApiProperty({ description: 'Created in test mode (no Stripe key): no real money.' }) testMode: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ type: [RefundViewDto] }) refunds?: RefundView[];
}

export class PaymentListItemDto extends PaymentViewDto implements PaymentListItem {
  @ApiProperty({ example: 'Casey Customer' }) customerName: string;
  @ApiProperty({ example: 'R-1042', description: 'The repair’s ticket number.' }) ticketNumber: string;
}

export class PaymentPageDto {
  @ApiProperty({ type: [PaymentListItemDto] }) items: PaymentListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

class AcceptedPaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
  @ApiProperty({ type: 'integer', example: 17499 }) amount: number;
  @ApiProperty({ enum: CURRENCIES, example: 'usd' }) currency: string;
  @ApiProperty({ description: 'For Stripe.js `confirmPayment`; in test mode a `pi_test_…_secret_…` placeholder. Never store or log it.' })
  clientSecret: string;
}

export class AcceptQuoteResponseDto implements AcceptQuoteResponse {
  @ApiProperty({ type: AcceptedPaymentDto }) payment: AcceptedPaymentDto;
}

export class PaymentsConfigViewDto implements PaymentsConfigView {
  @ApiProperty({ description: 'No Stripe key configured: payments are simulated (test mode).' }) testMode: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Stripe publishable key for Stripe.js; null in test mode.' }) publishableKey: string | null;
}

export class WebhookAckDto {
  @ApiProperty({ enum: [true] }) received: true;
  @ApiProperty({ description: 'The event id was handled before; nothing changed.' }) duplicate: boolean;
}
