import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BenefitsModule } from './benefits/benefits.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClaimsModule } from './claims/claims.module';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { HealthController } from './health/health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { JobsModule } from './jobs/jobs.module';
import { MembershipsModule } from './memberships/memberships.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrgsModule } from './orgs/orgs.module';
import { StationsModule } from './stations/stations.module';
import { UsersModule } from './users/users.module';
import { WechatModule } from './wechat/wechat.module';
import { WishesModule } from './wishes/wishes.module';

/**
 * The house: one module per capability, each registering only its own entities and exporting a small face
 * (see docs/architecture.md). The lint rule in eslint.config.mjs keeps modules out of each other's files.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.AUTH_RATE_LIMIT }] }),
        IdempotencyModule,
        WechatModule,
        OrgsModule,
        UsersModule,
        AuthModule,
        NotificationsModule,
        MembershipsModule,
        CalendarModule,
        StationsModule,
        ClaimsModule,
        WishesModule,
        BenefitsModule,
        AuditModule,
        AdminModule,
        JobsModule,
      ],
      controllers: [HealthController],
    };
  }
}
