import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@repairhub/contracts';
import { ROLES } from '../decorators/auth.decorators.js';
import { forbidden } from '../errors/domain-error.js';
import { contextUser } from './context-user.js';
import { overridden } from './route-metadata.js';

const routeRoles = overridden<Role[]>(ROLES);

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = routeRoles.of(this.reflector, context);
    if (!roles?.length) return true;
    const user = contextUser(context);
    if (user && roles.includes(user.role)) return true;
    throw forbidden('AUTH.FORBIDDEN_ROLE', 'Your role does not allow this.');
  }
}
