import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { appRole, type AppRoleName } from '../../config/app-role.js';
import type { AppConfig } from '../../config/configuration.js';
import { EveryRole } from '../decorators/every-role.decorator.js';
import { AppRoleGuard } from './app-role.guard.js';

@EveryRole()
class ProbeController {
  live(): void {}
}
class RepairsController {
  list(): void {}
}

const context = (controller: new () => object, handler: () => void, type = 'http') =>
  ({ getType: () => type, getHandler: () => handler, getClass: () => controller }) as unknown as ExecutionContext;
const guard = (role: AppRoleName) => new AppRoleGuard(new Reflector(), { role: appRole(role) } as AppConfig);

describe('AppRoleGuard', () => {
  it.each(['all', 'api'] as const)('lets every route through on %s', (role) => {
    expect(guard(role).canActivate(context(RepairsController, RepairsController.prototype.list))).toBe(true);
  });

  it.each(['realtime', 'worker'] as const)('answers 404 ROUTE.NOT_FOUND to the API on %s, but serves health', (role) => {
    expect(() => guard(role).canActivate(context(RepairsController, RepairsController.prototype.list))).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'ROUTE.NOT_FOUND' }),
    );
    expect(guard(role).canActivate(context(ProbeController, ProbeController.prototype.live))).toBe(true);
  });

  it('never blocks Socket.IO events (the gateway only exists where it belongs)', () => {
    expect(guard('worker').canActivate(context(RepairsController, RepairsController.prototype.list, 'ws'))).toBe(true);
  });
});
