import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { InboxMessage } from './inbox-message.entity';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxMessage } from './outbox-message.entity';
import { SubscribeCredit } from './subscribe-credit.entity';
import { WechatChannelService } from './wechat-channel.service';

/**
 * The mailroom: the notice catalogue's one writer (`notify`, inside the caller's transaction), 消息 (the inbox),
 * subscribe-message credits and the WeChat channel that drains the outbox (driven by the jobs room).
 */
@Module({
  imports: [TypeOrmModule.forFeature([InboxMessage, OutboxMessage, SubscribeCredit]), UsersModule, WechatModule],
  controllers: [InboxController, NotificationsController],
  providers: [NotificationsService, InboxService, WechatChannelService],
  exports: [NotificationsService, WechatChannelService],
})
export class NotificationsModule {}
