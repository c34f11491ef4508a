import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgsModule } from '../orgs/orgs.module';
import { UsersModule } from '../users/users.module';
import { AuditController } from './audit.controller';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

/** The audit log: `AuditService.record(em, …)` inside the caller's transaction, an admin-only read route, retention (the request id comes with the actor, `AuthUser.requestId`, or explicitly as `AuditRecord.requestId`). */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry]), UsersModule, OrgsModule],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
