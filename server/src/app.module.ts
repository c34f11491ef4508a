import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { SmsService } from './auth/sms.service';
import { SmsSender, smsSenderFor } from './auth/sms.sender';
import { TokenService } from './auth/token.service';
import { WechatClient } from './auth/wechat.client';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { ClaimsController } from './claims/claims.controller';
import { ClaimsService } from './claims/claims.service';
import { AccessService } from './common/access.service';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { ENTITIES } from './database/entities';
import { TransactionService } from './database/transaction.service';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './idempotency/idempotent.decorator';
import { IdempotencyService } from './idempotency/idempotency.service';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { MeController } from './me/me.controller';
import { MembershipsController } from './memberships/memberships.controller';
import { MembershipsService } from './memberships/memberships.service';
import { OrgsController } from './orgs/orgs.controller';
import { OrgQrcodeService } from './orgs/org-qrcode.service';
import { OrgsService } from './orgs/orgs.service';
import { StationIndexService } from './stations/station-index.service';
import { EventsController, StationsController } from './stations/stations.controller';
import { StationsService } from './stations/stations.service';
import { FileStorage, LocalFileStorage } from './storage/storage';
import { UsersService } from './users/users.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        TypeOrmModule.forFeature(ENTITIES),
        JwtModule.register({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.AUTH_RATE_LIMIT }] }),
      ],
      controllers: [HealthController, AuthController, MeController, OrgsController, InboxController, MembershipsController, CalendarController, ClaimsController, StationsController, EventsController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: SmsSender, useValue: smsSenderFor(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: FileStorage, useClass: LocalFileStorage },
        CalendarService,
        ClaimsService,
        AccessService,
        AuthService,
        IdempotencyInterceptor,
        IdempotencyService,
        InboxService,
        MembershipsService,
        OrgQrcodeService,
        OrgsService,
        SmsService,
        StationIndexService,
        StationsService,
        TokenService,
        TransactionService,
        UsersService,
        WechatClient,
      ],
    };
  }
}
