import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { FORGOT_PASSWORD_MESSAGE, type ForgotPasswordRequest, type ForgotPasswordResponse, type ResetPasswordRequest } from '@repairhub/contracts';
import { EmailPasswordFields } from '../../users/dto/user.dto.js';

export class ForgotPasswordDto extends PickType(EmailPasswordFields, ['email'] as const) implements ForgotPasswordRequest {}

/** The password follows the registration rules (length here, strength in the service). */
export class ResetPasswordDto extends PickType(EmailPasswordFields, ['password'] as const) implements ResetPasswordRequest {
  @ApiProperty({ description: 'The `token` parameter of the emailed link', maxLength: 128 })
  @IsString() @MinLength(1, { message: 'token must not be empty' }) @MaxLength(128)
  token: string;
}

export class ForgotPasswordResponseDto implements ForgotPasswordResponse {
  @ApiProperty({ example: FORGOT_PASSWORD_MESSAGE }) message: string;
}
