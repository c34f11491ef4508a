import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BenefitsModule } from '../benefits/benefits.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgsModule } from '../orgs/orgs.module';
import { StationsModule } from '../stations/stations.module';
import { UsersModule } from '../users/users.module';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { OrgImportService } from './org-import.service';
import { StaffInvitation } from './staff-invitation.entity';

/** Administration: the first admin (bootstrap), staff grants and invitations by mobile, the org-tree import. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffInvitation]), UsersModule, OrgsModule, StationsModule, BenefitsModule, NotificationsModule, AuditModule],
  controllers: [AdminController],
  providers: [AdminService, OrgImportService],
  exports: [AdminService],
})
export class AdminModule {}
