import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatToken } from './wechat-token.entity';
import { WechatClient } from './wechat.client';

/** WeChat's server API: login (code2Session), the shared access token, mini-program codes, subscribe messages. */
@Module({
  imports: [TypeOrmModule.forFeature([WechatToken])],
  providers: [WechatClient],
  exports: [WechatClient],
})
export class WechatModule {}
