import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, ProblemDetails } from '@repairhub/contracts';

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
  @ApiProperty({ example: 'QUOTE.EXPIRED', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({ description: 'Equals the x-request-id response header' }) requestId: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
