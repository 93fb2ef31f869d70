import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/configuration.js';
import { UsersService } from './users.service.js';

/**
 * Creates the first admin from BOOTSTRAP_ADMIN_* when there is none. It runs at module init, before
 * any application-bootstrap hook, so the demo data (which needs an empty database) always sees it.
 */
@Injectable()
export class UsersBootstrap implements OnModuleInit {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onModuleInit(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.bootstrap;
    if (adminEmail && adminPassword && (await this.users.countAdmins()) === 0) {
      try {
        await this.users.create({ email: adminEmail, password: adminPassword, name: 'Administrator', role: 'admin' });
        this.logger.log(`Created the first admin account ${adminEmail}`);
      } catch (error) {
        // Instances started together on an empty database all see no admin; one creates it, the others are done too.
        if (!(error instanceof DomainError && error.code === 'USER.EMAIL_TAKEN')) throw error;
      }
    }
  }
}
