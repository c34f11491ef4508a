import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type {
  BudgetPreview,
  CampaignDetail,
  CampaignListPage,
  CampaignManagePage,
  ClaimResult,
  CouponDetail,
  CouponQr,
  MerchantDetail,
  MerchantNearbyItem,
  MerchantPage,
  ModelWorkerItem,
  ModelWorkerPage,
  RedemptionPage,
  RedemptionPreview,
  RedemptionReceipt,
  SettlementPage,
  WalletPage,
} from '@nuanxin/shared';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CampaignsService } from './campaigns.service';
import { CLAIM_REFUSAL, ClaimService } from './claim.service';
import {
  CampaignInputDto,
  CreateMerchantDto,
  ManageCampaignsQuery,
  ManageMerchantsQuery,
  ModelWorkerDto,
  ModelWorkersQuery,
  NearbyMerchantsQuery,
  RedeemDto,
  RedemptionLookupDto,
  RedemptionsQuery,
  RejectCampaignDto,
  SettlementQuery,
  UpdateMerchantDto,
  WalletQuery,
} from './dto/benefits.dto';
import { MerchantsService } from './merchants.service';
import { ModelWorkersService } from './model-workers.service';
import { RedemptionsService } from './redemptions.service';
import { SettlementService } from './settlement.service';
import { WalletService } from './wallet.service';

@ApiTags('会员优惠')
@ApiBearerAuth()
@Controller('benefits')
export class BenefitsController {
  constructor(
    private readonly merchants: MerchantsService,
    private readonly campaigns: CampaignsService,
    private readonly claims: ClaimService,
    private readonly wallet: WalletService,
    private readonly redemptions: RedemptionsService,
    private readonly settlement: SettlementService,
    private readonly modelWorkers: ModelWorkersService,
  ) {}

  // ---- merchants ----

  @Get('merchants/nearby')
  @ApiOperation({ summary: '附近的合作商户（由近到远；位置不保存、不记录）' })
  nearby(@Query() q: NearbyMerchantsQuery): MerchantNearbyItem[] {
    return this.merchants.nearby(q);
  }

  @Get('merchants/manage')
  @Roles('officer', 'admin', 'merchant')
  @ApiOperation({ summary: '可管理的商户（干部：本级及下级工会签约的；商户：自己的）' })
  manageMerchants(@CurrentUser() user: AuthUser, @Query() q: ManageMerchantsQuery): Promise<MerchantPage> {
    return this.merchants.manage(user, q);
  }

  @Get('merchants/:id')
  @Roles('officer', 'admin', 'merchant')
  @ApiOperation({ summary: '商户详情（管理范围内的干部、管理员、本商户店员）' })
  merchant(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<MerchantDetail> {
    return this.merchants.get(user, id);
  }

  @Post('merchants')
  @Roles('officer', 'admin')
  @Idempotent()
  @ApiOperation({ summary: '新增合作商户（签约工会须在管理范围内）' })
  createMerchant(@CurrentUser() user: AuthUser, @Body() dto: CreateMerchantDto): Promise<MerchantDetail> {
    return this.merchants.create(user, dto);
  }

  @Patch('merchants/:id')
  @Roles('officer', 'admin')
  @ApiOperation({ summary: '修改商户（含暂停合作）' })
  updateMerchant(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: UpdateMerchantDto): Promise<MerchantDetail> {
    return this.merchants.update(user, id, dto);
  }

  // ---- campaigns ----

  @Get('campaigns')
  @ApiOperation({ summary: '优惠活动（会员所在工会及上级工会发布的）：抢券中、即将开抢、已抢光、已结束' })
  listCampaigns(@CurrentUser() user: AuthUser): Promise<CampaignListPage> {
    return this.campaigns.list(user);
  }

  @Get('campaigns/manage')
  @Roles('officer', 'admin', 'merchant')
  @ApiOperation({ summary: '活动管理与审批列表（干部：管理范围内；商户：自己的提案）' })
  manageCampaigns(@CurrentUser() user: AuthUser, @Query() q: ManageCampaignsQuery): Promise<CampaignManagePage> {
    return this.campaigns.manage(user, q);
  }

  @Post('campaigns/preview')
  @HttpCode(200)
  @Roles('officer', 'admin', 'merchant')
  @ApiOperation({ summary: '发布前预算预览：券包价值、总预算、可领会员数、适用商户数与规则错误' })
  preview(@CurrentUser() user: AuthUser, @Body() dto: CampaignInputDto): Promise<BudgetPreview> {
    return this.campaigns.preview(user, dto);
  }

  @Post('campaigns')
  @Roles('officer', 'admin', 'merchant')
  @Idempotent()
  @ApiOperation({ summary: '创建活动（干部：草稿；商户：提交审批）' })
  createCampaign(@CurrentUser() user: AuthUser, @Body() dto: CampaignInputDto): Promise<CampaignDetail> {
    return this.campaigns.create(user, dto);
  }

  @Get('campaigns/:id')
  @ApiOperation({ summary: '活动详情' })
  campaign(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<CampaignDetail> {
    return this.campaigns.detail(user, id);
  }

  @Put('campaigns/:id')
  @Roles('officer', 'admin', 'merchant')
  @ApiOperation({ summary: '修改未发布的活动（商户修改被退回的提案即重新提交）' })
  updateCampaign(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: CampaignInputDto): Promise<CampaignDetail> {
    return this.campaigns.update(user, id, dto);
  }

  @Post('campaigns/:id/publish')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: '发布活动（草稿或待审批的商户提案）' })
  publish(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<CampaignDetail> {
    return this.campaigns.publish(user, id);
  }

  @Post('campaigns/:id/reject')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: '退回商户提案' })
  reject(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: RejectCampaignDto): Promise<CampaignDetail> {
    return this.campaigns.reject(user, id, dto.reason);
  }

  @Post('campaigns/:id/close')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: '停止活动（已领的券仍可使用）' })
  close(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<CampaignDetail> {
    return this.campaigns.close(user, id);
  }

  @Post('campaigns/:id/claim')
  @Idempotent({ refusal: CLAIM_REFUSAL })
  @ApiOperation({ summary: '抢券（会员；须带 Idempotency-Key）：先到先得，绝不超发、不超限；抢光了 409 COUPON_SOLD_OUT（已抢光）' })
  claim(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Headers('idempotency-key') key?: string): Promise<ClaimResult> {
    if (!key) throw new DomainError(400, 'IDEMPOTENCY_KEY_INVALID', '抢券请求缺少 Idempotency-Key，请升级小程序后重试');
    return this.claims.claim(user, id);
  }

  // ---- 劳模 ----

  @Get('model-workers')
  @Roles('officer', 'admin')
  @ApiOperation({ summary: '劳模名单（本级及下级工会标记的）' })
  listModelWorkers(@CurrentUser() user: AuthUser, @Query() q: ModelWorkersQuery): Promise<ModelWorkerPage> {
    return this.modelWorkers.list(user, q);
  }

  @Post('model-workers')
  @Roles('officer', 'admin')
  @Idempotent()
  @ApiOperation({ summary: '按会员号标记劳模（会员所在工会及上级工会的干部；记入审计日志）' })
  flagModelWorker(@CurrentUser() user: AuthUser, @Body() dto: ModelWorkerDto): Promise<ModelWorkerItem> {
    return this.modelWorkers.flag(user, dto);
  }

  @Delete('model-workers/:id')
  @HttpCode(204)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: '取消劳模标记（记入审计日志）' })
  async unflagModelWorker(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<void> {
    await this.modelWorkers.unflag(user, id);
  }

  // ---- wallet ----

  @Get('coupons')
  @ApiOperation({ summary: '我的券（可使用 / 已使用 / 已过期）' })
  coupons(@CurrentUser() user: AuthUser, @Query() q: WalletQuery): Promise<WalletPage> {
    return this.wallet.list(user, q);
  }

  @Get('coupons/:id')
  @ApiOperation({ summary: '券详情：60 秒有效的二维码令牌与 12 位券码（仅本人）' })
  coupon(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<CouponDetail> {
    return this.wallet.detail(user, id);
  }

  @Get('coupons/:id/qr')
  @ApiOperation({ summary: '刷新券的二维码令牌（60 秒有效）' })
  qr(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<CouponQr> {
    return this.wallet.qr(user, id);
  }

  // ---- redemptions ----

  @Post('redemptions/preview')
  @HttpCode(200)
  @Roles('merchant')
  @ApiOperation({ summary: '核销前查看（扫码令牌或 12 位券码）：券、会员姓氏、门槛' })
  redemptionPreview(@CurrentUser() user: AuthUser, @Body() dto: RedemptionLookupDto): Promise<RedemptionPreview> {
    return this.redemptions.preview(user, dto);
  }

  @Post('redemptions')
  @Roles('merchant')
  @Idempotent()
  @ApiOperation({ summary: '核销（一张券只能核销一次）' })
  redeem(@CurrentUser() user: AuthUser, @Body() dto: RedeemDto): Promise<RedemptionReceipt> {
    return this.redemptions.redeem(user, dto);
  }

  @Post('redemptions/:id/undo')
  @HttpCode(200)
  @Roles('merchant')
  @ApiOperation({ summary: '撤销核销（10 分钟内，同一商户）' })
  undo(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<RedemptionReceipt> {
    return this.redemptions.undo(user, id);
  }

  @Get('redemptions')
  @Roles('merchant')
  @ApiOperation({ summary: '本店核销记录' })
  listRedemptions(@CurrentUser() user: AuthUser, @Query() q: RedemptionsQuery): Promise<RedemptionPage> {
    return this.redemptions.list(user, q);
  }

  // ---- settlement ----

  @Get('settlement')
  @Roles('officer', 'admin', 'merchant')
  @ApiOperation({ summary: '月度结算：按商户的核销笔数、订单金额、优惠金额（工会支付）' })
  settlementPage(@CurrentUser() user: AuthUser, @Query() q: SettlementQuery): Promise<SettlementPage> {
    return this.settlement.page(user, q);
  }

  @Get('settlement/export')
  @Roles('officer', 'admin', 'merchant')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '下载月度结算 Excel' })
  async settlementExport(@CurrentUser() user: AuthUser, @Query() q: SettlementQuery, @Res() reply: FastifyReply): Promise<void> {
    const { filename, body } = await this.settlement.export(user, q);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-store')
      .send(body);
  }
}
