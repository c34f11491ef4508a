import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '../admin/admin.module';
import { OrgsModule } from '../orgs/orgs.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { RefreshToken } from './refresh-token.entity';
import { SmsCode } from './sms-code.entity';
import { SmsSenderModule } from './sms-sender.module';
import { SmsService } from './sms.service';
import { TokenService } from './token.service';

/** Sign-in (WeChat, SMS, dev), access and refresh tokens, and the global guard every request passes. */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken, SmsCode]), UsersModule, OrgsModule, WechatModule, AdminModule, SmsSenderModule],
  controllers: [AuthController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    AuthService,
    SmsService,
    TokenService,
  ],
})
export class AuthModule {}
