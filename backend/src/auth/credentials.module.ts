import { Module } from '@nestjs/common';
import { PasswordService } from './password.service.js';
import { RefreshTokenService } from './refresh-token.service.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SessionRevocations } from './session-revocations.js';

/** Password hashing, refresh-token storage and session revocation, shared by auth and user administration. */
@Module({
  providers: [PasswordService, RefreshTokenService, RefreshTokensRepository, SessionRevocations],
  exports: [PasswordService, RefreshTokenService, SessionRevocations],
})
export class CredentialsModule {}
