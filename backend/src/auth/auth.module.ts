import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { EmailOutboxModule } from '../notifications/email-outbox.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessTokenVerifier } from './access-token.verifier.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { CredentialsModule } from './credentials.module.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginFailuresService } from './login-failures.service.js';
import { PasswordResetController } from './password-reset.controller.js';
import { PasswordResetService } from './password-reset.service.js';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository.js';

@Module({
  imports: [PassportModule, JwtModule.register({}), CredentialsModule, UsersModule, EmailOutboxModule],
  controllers: [AuthController, PasswordResetController],
  providers: [AuthService, PasswordResetService, PasswordResetTokensRepository, JwtStrategy, LoginFailuresService, AccessTokenVerifier],
  exports: [JwtModule, AccessTokenVerifier, PasswordResetService],
})
export class AuthModule {}
