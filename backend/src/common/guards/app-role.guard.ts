import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../../config/configuration.js';
import { EVERY_ROLE } from '../decorators/every-role.decorator.js';
import { notFound } from '../errors/domain-error.js';
import { overridden } from './route-metadata.js';

const everyRole = overridden<boolean>(EVERY_ROLE);

/**
 * On a process whose role does not run the HTTP API (`realtime`, `worker`), every route but the
 * health probes answers 404 as if it did not exist, before authentication or rate limits count it.
 */
@Injectable()
export class AppRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.role.api || context.getType() !== 'http') return true;
    if (everyRole.of(this.reflector, context)) return true;
    throw notFound('ROUTE.NOT_FOUND', 'Route');
  }
}
