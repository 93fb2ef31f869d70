import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeySecretResponse, type ApiKeyView, type CreateApiKeyRequest } from '@repairhub/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'Accounting sync', minLength: 1, maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['repairs:read', 'payments:read'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(API_KEY_SCOPES.length) @IsIn(API_KEY_SCOPES, { each: true })
  scopes: ApiKeyScope[];

  @ApiPropertyOptional({ format: 'date-time', description: 'After this the key is refused (401).' })
  @IsOptional() @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class ApiKeyViewDto implements ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'rh_live_9f3a1c2b7d4e5f60', description: 'Identifies the key; cannot be used to call the API.' }) prefix: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes: ApiKeyScope[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Updated at most once a minute.' }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ApiKeySecretDto implements ApiKeySecretResponse {
  @ApiProperty({ type: ApiKeyViewDto }) apiKey: ApiKeyViewDto;
  @ApiProperty({ description: 'Shown only now: send it as `Authorization: Bearer <secret>` or `X-API-Key: <secret>`.', example: 'rh_live_9f3a1c2b7d4e5f60_…' })
  secret: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyViewDto] }) items: ApiKeyViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
