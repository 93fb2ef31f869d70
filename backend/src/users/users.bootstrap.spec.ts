import { conflict } from '../common/errors/domain-error.js';
import type { AppConfig } from '../config/configuration.js';
import { UsersBootstrap } from './users.bootstrap.js';
import type { UsersService } from './users.service.js';

const config = { bootstrap: { adminEmail: 'admin@example.test', adminPassword: 'a-long-admin-password', demoData: false } } as AppConfig;

function usersThatFailCreate(error: Error) {
  return { countAdmins: async () => 0, isEmpty: async () => false, create: async () => Promise.reject(error) } as unknown as UsersService;
}

describe('UsersBootstrap', () => {
  it('starts when another instance created the first admin at the same moment', async () => {
    const users = usersThatFailCreate(conflict('USER.EMAIL_TAKEN', 'An account with this email already exists.'));
    await expect(new UsersBootstrap(config, users).onModuleInit()).resolves.toBeUndefined();
  });

  it('still stops on any other failure', async () => {
    const users = usersThatFailCreate(new Error('connect ECONNREFUSED'));
    await expect(new UsersBootstrap(config, users).onModuleInit()).rejects.toThrow('ECONNREFUSED');
  });
});
