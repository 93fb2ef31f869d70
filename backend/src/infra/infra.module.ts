import { Global, Module } from '@nestjs/common';
import { Jobs } from './jobs/jobs.service.js';
import { JobsAdminController } from './jobs/jobs-admin.controller.js';
import { Lifecycle } from './lifecycle.js';
import { RedisConnections } from './redis-connections.js';

/** Redis-or-in-process infrastructure (connections, jobs) and the shutdown lifecycle, for every module. */
@Global()
@Module({
  controllers: [JobsAdminController],
  providers: [RedisConnections, Jobs, Lifecycle],
  exports: [RedisConnections, Jobs, Lifecycle],
})
export class InfraModule {}
