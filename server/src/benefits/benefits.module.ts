import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgsModule } from '../orgs/orgs.module';
import { UsersModule } from '../users/users.module';
import { BenefitClaim } from './benefit-claim.entity';
import { BenefitOrgs } from './benefit-orgs.service';
import { BenefitsController } from './benefits.controller';
import { BenefitsService } from './benefits.service';
import { Campaign } from './campaign.entity';
import { CampaignsService } from './campaigns.service';
import { ClaimBatcher } from './claim-batcher';
import { ClaimService } from './claim.service';
import { Coupon } from './coupon.entity';
import { MerchantIndex } from './merchant-index.service';
import { Merchant } from './merchant.entity';
import { MerchantsService } from './merchants.service';
import { ModelWorker } from './model-worker.entity';
import { ModelWorkersService } from './model-workers.service';
import { Redemption } from './redemption.entity';
import { RedemptionsService } from './redemptions.service';
import { SettlementService } from './settlement.service';
import { WalletService } from './wallet.service';

/** 会员优惠: partner merchants, campaigns and the flash claim, the wallet, redemption at the till, settlement. */
@Module({
  imports: [TypeOrmModule.forFeature([Merchant, Campaign, BenefitClaim, Coupon, Redemption, ModelWorker]), OrgsModule, UsersModule, MembershipsModule, NotificationsModule, AuditModule],
  controllers: [BenefitsController],
  providers: [BenefitsService, MerchantsService, MerchantIndex, BenefitOrgs, CampaignsService, ClaimService, ClaimBatcher, WalletService, RedemptionsService, SettlementService, ModelWorkersService],
  exports: [BenefitsService],
})
export class BenefitsModule {}
