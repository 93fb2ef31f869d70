import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode, type FieldError, type ProblemDetails } from '@repairhub/contracts';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be a valid email address' }) message: string;
}

export class ProblemDto implements ProblemDetails {
  @ApiProperty({ example: 'https://docs.repairhub.dev/problems/quote-expired' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: 'This quote has expired.' }) detail: string;
  @ApiProperty({ example: '/api/v1/quotes/0b8f.../accept' }) instance: string;
  @ApiProperty({
    enum: Object.keys(ERROR_CODES),
    enumName: 'ErrorCode',
    example: 'QUOTE.EXPIRED',
    description: 'Stable machine-readable code; the document’s `x-error-codes` gives each one’s status and meaning',
  })
  code: ErrorCode;
  @ApiProperty({ description: 'Equals the x-request-id response header' }) requestId: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
