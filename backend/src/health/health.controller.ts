import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/decorators/auth.decorators.js';
import { Unthrottled } from '../common/decorators/unthrottled.decorator.js';
import { EveryRole } from '../common/decorators/every-role.decorator.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { sharedResult } from '../common/shared-result.js';
import { AppConfig } from '../config/configuration.js';
import { Lifecycle } from '../infra/lifecycle.js';
import { RedisConnections } from '../infra/redis-connections.js';
import { LivenessDto } from './dto/liveness.dto.js';

const ALIVE = { status: 'ok', info: {}, error: {}, details: {} } as const;

@ApiTags('health')
@Public()
@EveryRole()
@Unthrottled()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly lifecycle: Lifecycle,
    private readonly redis: RedisConnections,
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Load balancers poll this often: every probe within a second gets the same terminus result (or the
   * same 503), so a probe costs neither a database ping nor terminus building and checking its result.
   * The ping itself is the one readiness shares (terminus caches it by its key).
   */
  private readonly databaseCheck = sharedResult(1000, () => this.health.check([() => this.databasePing()]));

  private databasePing() {
    return this.database.pingCheck('database', { timeout: 2000 }).cacheFor(1000);
  }

  @Get()
  @HealthCheck()
  @ApiRoute({ summary: 'Database check (terminus format): every probe within a second gets the same answer', auth: 'public', errors: [503] })
  check() {
    return this.databaseCheck();
  }

  /**
   * The process serves HTTP, whatever its dependencies do: what Kubernetes' liveness probe asks. A
   * database outage must make instances not ready, never restart them all.
   */
  @Get('live')
  // Terminus' documentation lists a 503 this route never answers; LivenessDto documents the one answer.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiRoute({ summary: 'Process liveness: answers while the process serves requests, without checking dependencies', auth: 'public', ok: LivenessDto })
  live(): LivenessDto {
    return ALIVE;
  }

  /**
   * Readiness: may this instance take new traffic? 503 as soon as shutdown starts (the load balancer
   * drains it while in-flight requests finish), and while the database or Redis is unreachable.
   */
  @Get('ready')
  @HealthCheck()
  @ApiRoute({ summary: 'Readiness: 503 while shutting down or when a dependency is down', auth: 'public', errors: [503] })
  ready() {
    return this.health.check([
      () => {
        const instance = this.indicators.check('instance');
        return this.lifecycle.shuttingDown ? instance.down({ role: this.config.role.name, reason: 'shutting down' }) : instance.up({ role: this.config.role.name });
      },
      () => this.databasePing(),
      ...(this.redis.enabled
        ? [() => this.indicators.check('redis').attempt(() => this.redis.command.ping().then(() => undefined)).withTimeout(1000).cacheFor(1000)]
        : []),
    ]);
  }
}
