import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgsModule } from '../orgs/orgs.module';
import { fileStorageProvider } from '../storage/file-storage.provider';
import { UsersModule } from '../users/users.module';
import { Attachment } from './attachment.entity';
import { ClaimAgreements } from './claim-agreements.service';
import { ClaimAttachments } from './claim-attachments.service';
import { ClaimClock } from './claim-clock.service';
import { ClaimContacts } from './claim-contacts.service';
import { ClaimTiers } from './claim-tiers.service';
import { ArbitrationCommissionsController } from './arbitration-commissions.controller';
import { ClaimDashboard } from './claim-dashboard.service';
import { ClaimEvent } from './claim-event.entity';
import { ClaimExport } from './claim-export.entity';
import { ClaimExports } from './claim-export.service';
import { ClaimFigure } from './claim-figure.entity';
import { ClaimOpenCount } from './claim-open-count.entity';
import { ClaimFigures } from './claim-figures.service';
import { ClaimLedger } from './claim-ledger.service';
import { ClaimQueue } from './claim-queue.service';
import { ClaimRouting } from './claim-routing.service';
import { ClaimViews } from './claim-views';
import { Claim } from './claim.entity';
import { ArbitrationCommission } from './arbitration-commission.entity';
import { ClaimAgreement } from './claim-agreement.entity';
import { ClaimDigest } from './claim-digest.entity';
import { ClaimInstalment } from './claim-instalment.entity';
import { ClaimsController } from './claims.controller';
import { ClaimsLedgerController } from './claims-ledger.controller';
import { ClaimsService } from './claims.service';

/** 我有事办: filing, routing, the officers' queue, every step on a timeline with its deadline, photos. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Claim, ClaimEvent, Attachment, ClaimAgreement, ClaimInstalment, ArbitrationCommission, ClaimDigest, ClaimExport, ClaimFigure, ClaimOpenCount]),
    OrgsModule,
    UsersModule,
    MembershipsModule,
    CalendarModule,
    NotificationsModule,
    AuditModule,
  ],
  controllers: [ClaimsController, ArbitrationCommissionsController, ClaimsLedgerController],
  providers: [fileStorageProvider, ClaimsService, ClaimRouting, ClaimQueue, ClaimViews, ClaimAttachments, ClaimContacts, ClaimTiers, ClaimAgreements, ClaimClock, ClaimLedger, ClaimExports, ClaimDashboard, ClaimFigures],
  exports: [ClaimsService, ClaimAttachments, ClaimClock, ClaimExports],
})
export class ClaimsModule {}
