import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgsModule } from '../orgs/orgs.module';
import { UsersModule } from '../users/users.module';
import { MembershipApplication } from './membership-application.entity';
import { Membership } from './membership.entity';
import { MembershipsController } from './memberships.controller';
import { MembershipsService } from './memberships.service';

/** Scan to join: applications, decisions, member cards, transfers. Its face: `activeOrgOf(userId)`. */
@Module({
  imports: [TypeOrmModule.forFeature([MembershipApplication, Membership]), OrgsModule, UsersModule, NotificationsModule, AuditModule],
  controllers: [MembershipsController],
  providers: [MembershipsService],
  exports: [MembershipsService],
})
export class MembershipsModule {}
