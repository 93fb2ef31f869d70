import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DropOffsModule } from './appointments/drop-offs.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { ChatModule } from './chat/chat.module.js';
import { ChatSocketsModule } from './chat/chat-sockets.module.js';
import { EventsModule } from './common/events/events.module.js';
import { ProblemFilter } from './common/filters/problem.filter.js';
import { AppRoleGuard } from './common/guards/app-role.guard.js';
import { AppThrottlerGuard } from './common/guards/app-throttler.guard.js';
import { JwtAuthGuard } from './app/jwt-auth.guard.js';
import { RolesGuard } from './common/guards/roles.guard.js';
import { loggerOptions } from './common/logging.js';
import { throttlerOptions } from './app/throttling.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/configuration.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ENTITIES } from './app/entities.js';
import { dataSourceOptions } from './database/data-source.js';
import { openMigrated } from './database/run-migrations.js';
import { DemoModule } from './demo/demo.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { CounterModule } from './counter/counter.module.js';
import { HealthModule } from './health/health.module.js';
import { IntegrationsModule } from './integrations/integrations.module.js';
import { InfraModule } from './infra/infra.module.js';
import { RedisConnections } from './infra/redis-connections.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { RepairsModule } from './repairs/repairs.module.js';
import { ShopModule } from './shop/shop.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config, ENTITIES),
          dataSourceFactory: async (options) => (await openMigrated(options!)).db,
        }),
        InfraModule,
        ThrottlerModule.forRootAsync({ inject: [RedisConnections], useFactory: (redis: RedisConnections) => throttlerOptions(config, redis) }),
        AuthModule,
        IntegrationsModule,
        UsersModule,
        HealthModule,
        EventsModule,
        DevicesModule,
        RepairsModule,
        CounterModule,
        AttachmentsModule,
        QuotesModule,
        ChatModule,
        ChatSocketsModule.forRole(config.role),
        PaymentsModule,
        NotificationsModule,
        DashboardModule,
        ShopModule,
        DemoModule,
        DropOffsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: AppRoleGuard },
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
