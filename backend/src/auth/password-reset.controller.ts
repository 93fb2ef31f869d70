import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FORGOT_PASSWORD_MESSAGE, type ForgotPasswordResponse } from '@repairhub/contracts';
import { Public } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { AuthThrottle } from './auth-throttle.js';
import { ForgotPasswordDto, ForgotPasswordResponseDto, ResetPasswordDto } from './dto/password-reset.dto.js';
import { PasswordResetService } from './password-reset.service.js';

@ApiTags('auth')
@Controller('auth/password')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Public()
  // The per-IP and per-email sign-in budgets: a stranger cannot flood an inbox or probe many addresses.
  @AuthThrottle()
  @Post('forgot')
  @ApiRoute({
    summary: 'Email a password reset link',
    description: 'Answers the same whether or not an account exists for the address; only an active account gets the email.',
    auth: 'public',
    accepted: ForgotPasswordResponseDto,
  })
  async forgot(@Body() body: ForgotPasswordDto): Promise<ForgotPasswordResponse> {
    await this.resets.request(body.email);
    return { message: FORGOT_PASSWORD_MESSAGE };
  }

  @Public()
  // Each attempt hashes a password (argon2): the per-IP sign-in budget keeps that from becoming a load lever.
  @AuthThrottle()
  @Post('reset')
  @ApiRoute({
    summary: 'Set a new password with an emailed reset token',
    description: 'The token works once and for 30 minutes; every session of the user ends. A weak password leaves the token usable.',
    auth: 'public',
    noContent: true,
  })
  async reset(@Body() body: ResetPasswordDto): Promise<void> {
    await this.resets.reset(body.token, body.password);
  }
}
