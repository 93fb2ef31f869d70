import { Module } from '@nestjs/common';
import { CredentialsModule } from '../auth/credentials.module.js';
import { UsersBootstrap } from './users.bootstrap.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [CredentialsModule],
  controllers: [UsersController],
  providers: [UsersService, UsersBootstrap],
  exports: [UsersService],
})
export class UsersModule {}
