import { Module } from '@nestjs/common';
import { PasswordService } from './password.service.js';
import { RefreshTokenService } from './refresh-token.service.js';

/** Password hashing and refresh-token storage, shared by auth and user administration. */
@Module({ providers: [PasswordService, RefreshTokenService], exports: [PasswordService, RefreshTokenService] })
export class CredentialsModule {}
