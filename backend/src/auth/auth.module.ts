import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '../users/users.module.js';
import { AccessTokenVerifier } from './access-token.verifier.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { CredentialsModule } from './credentials.module.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginFailuresService } from './login-failures.service.js';

@Module({
  imports: [PassportModule, JwtModule.register({}), CredentialsModule, UsersModule],
  controllers: [AuthController],
  providers: [AuthService, JwtStrategy, LoginFailuresService, AccessTokenVerifier],
  exports: [JwtModule, AccessTokenVerifier],
})
export class AuthModule {}
