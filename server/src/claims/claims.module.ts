import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgsModule } from '../orgs/orgs.module';
import { fileStorageProvider } from '../storage/file-storage.provider';
import { UsersModule } from '../users/users.module';
import { Attachment } from './attachment.entity';
import { ClaimAttachments } from './claim-attachments.service';
import { ClaimEvent } from './claim-event.entity';
import { ClaimQueue } from './claim-queue.service';
import { ClaimRouting } from './claim-routing.service';
import { ClaimViews } from './claim-views';
import { Claim } from './claim.entity';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';

/** 我有事办: filing, routing, the officers' queue, every step on a timeline with its deadline, photos. */
@Module({
  imports: [TypeOrmModule.forFeature([Claim, ClaimEvent, Attachment]), OrgsModule, UsersModule, MembershipsModule, CalendarModule, NotificationsModule],
  controllers: [ClaimsController],
  providers: [fileStorageProvider, ClaimsService, ClaimRouting, ClaimQueue, ClaimViews, ClaimAttachments],
  exports: [ClaimsService, ClaimAttachments],
})
export class ClaimsModule {}
