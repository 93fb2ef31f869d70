import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type AuthResponse,
  type ChangePasswordRequest,
  type LoginRequest,
  type RefreshRequest,
  type RegisterRequest,
} from '@repairhub/contracts';
import { EmailPasswordFields, NameField, UserViewDto } from '../../users/dto/user.dto.js';

export class RegisterDto extends NameField implements RegisterRequest {}

export class LoginDto extends EmailPasswordFields implements LoginRequest {}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString() @MinLength(1, { message: 'currentPassword must not be empty' }) @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `newPassword must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `newPassword must be at most ${PASSWORD_MAX_LENGTH} characters` })
  newPassword: string;
}

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
