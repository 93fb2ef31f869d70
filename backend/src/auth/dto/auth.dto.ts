import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuthResponse, LoginRequest, RefreshRequest, RegisterRequest } from '@repairhub/contracts';
import { EmailPasswordFields, NameField, UserViewDto } from '../../users/dto/user.dto.js';

export class RegisterDto extends NameField implements RegisterRequest {}

export class LoginDto extends EmailPasswordFields implements LoginRequest {}

export class RefreshDto implements RefreshRequest {
  @ApiPropertyOptional({ description: 'Only for body transport; web clients send the refresh_token cookie instead.' })
  @IsOptional() @IsString() @MaxLength(200)
  refreshToken?: string;
}

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({ type: UserViewDto }) user: UserViewDto;
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Access-token lifetime in seconds', example: 900 }) expiresIn: number;
  @ApiPropertyOptional({ description: 'Only with header x-token-transport: body' }) refreshToken?: string;
}
