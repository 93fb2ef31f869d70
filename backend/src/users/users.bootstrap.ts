import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/configuration.js';
import { UsersService } from './users.service.js';

/** Demo logins, seeded only on an empty database when DEMO_DATA is on. */
export const DEMO_USERS = [
  { email: 'customer@demo.repairhub.dev', name: 'Casey Customer', role: 'customer', password: 'demo-customer-pass' },
  { email: 'tech@demo.repairhub.dev', name: 'Taylor Technician', role: 'technician', password: 'demo-technician-pass' },
  { email: 'admin@demo.repairhub.dev', name: 'Avery Admin', role: 'admin', password: 'demo-admin-pass' },
] as const;

@Injectable()
export class UsersBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword, demoData } = this.config.bootstrap;
    if (adminEmail && adminPassword && (await this.users.countAdmins()) === 0) {
      try {
        await this.users.create({ email: adminEmail, password: adminPassword, name: 'Administrator', role: 'admin' });
        this.logger.log(`Created the first admin account ${adminEmail}`);
      } catch (error) {
        // Instances started together on an empty database all see no admin; one creates it, the others are done too.
        if (!(error instanceof DomainError && error.code === 'USER.EMAIL_TAKEN')) throw error;
      }
    }
    if (demoData && (await this.users.isEmpty())) {
      for (const demo of DEMO_USERS) await this.users.create(demo);
      const lines = DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email} / ${u.password}`).join('\n');
      // Printed once, on the start that seeded them, so a new user can sign in straight away.
      process.stdout.write(`\nDemo accounts (DEMO_DATA=true):\n${lines}\n\n`);
    }
  }
}
