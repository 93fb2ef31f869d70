import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiRoute({ summary: 'Liveness and database check (terminus format)', auth: 'public', errors: [503] })
  check() {
    // Load balancers poll this often: concurrent and repeated checks share one database ping per second.
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }).cacheFor(1000)]);
  }
}
