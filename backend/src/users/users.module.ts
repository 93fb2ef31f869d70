import { Module } from '@nestjs/common';
import { CredentialsModule } from '../auth/credentials.module.js';
import { UsersBootstrap } from './users.bootstrap.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { WalkInCustomers } from './walk-in-customers.repository.js';

@Module({
  imports: [CredentialsModule],
  controllers: [UsersController],
  providers: [UsersService, UsersRepository, WalkInCustomers, UsersBootstrap],
  exports: [UsersService, UsersRepository, WalkInCustomers],
})
export class UsersModule {}
