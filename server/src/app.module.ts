import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClaimsModule } from './claims/claims.module';
import { AccessService } from './common/access.service';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { TransactionService } from './database/transaction.service';
import { HealthController } from './health/health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { JobsModule } from './jobs/jobs.module';
import { MembershipsModule } from './memberships/memberships.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrgsModule } from './orgs/orgs.module';
import { StationsModule } from './stations/stations.module';
import { UsersModule } from './users/users.module';
import { WechatModule } from './wechat/wechat.module';

/** What every module may use without importing it: config, the org-scope check, transactions, card/access tokens. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers = [{ provide: AppConfig, useValue: config }, AccessService, TransactionService];
    return {
      module: CoreModule,
      imports: [JwtModule.register({ global: true, secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } })],
      providers,
      exports: providers,
    };
  }
}

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
        TypeOrmModule.forRoot(dataSourceOptions(config)),
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
        AuditModule,
        AdminModule,
        JobsModule,
      ],
      controllers: [HealthController],
    };
  }
}
