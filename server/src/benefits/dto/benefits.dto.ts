import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BENEFIT_RULES,
  CAMPAIGN_STATUSES,
  CHINA_BBOX,
  COUPON_STATUSES,
  isInChina,
  MERCHANT_CATEGORY_CODES,
  MERCHANT_STATUSES,
  NEARBY_LIMITS,
  SETTLEMENT_MONTH_PATTERN,
  type CampaignStatus,
  type CouponStatus,
  type CouponValidity,
  type MerchantCategory,
  type MerchantStatus,
  type Occupation,
  type PackItem,
} from '@nuanxin/shared';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { IsOrgCode } from '../../common/validators';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const CURSOR = /^[A-Za-z0-9_-]{10,300}$/;
/**
 * A position in the service area, each coordinate checked on its own field: a bad `lng` is reported on `lng` (the
 * pair check reported it on `lat`). The two ranges together are exactly shared `isInChina`.
 */
const LatInChina = () =>
  ValidateBy({ name: 'latInChina', validator: { validate: (v) => isInChina(Number(v), CHINA_BBOX.minLng), defaultMessage: () => '纬度不在服务范围内' } });
const LngInChina = () =>
  ValidateBy({ name: 'lngInChina', validator: { validate: (v) => isInChina(CHINA_BBOX.minLat, Number(v)), defaultMessage: () => '经度不在服务范围内' } });

// ---- merchants ----

export class NearbyMerchantsQuery {
  @ApiProperty({ description: 'GCJ-02 纬度（不保存、不记录）' })
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '请提供有效的纬度' })
  @LatInChina()
  lat: number;

  @ApiProperty()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '请提供有效的经度' })
  @LngInChina()
  lng: number;

  @ApiPropertyOptional({ maximum: NEARBY_LIMITS.maxLimit, default: NEARBY_LIMITS.defaultLimit })
  @IsOptional() @Transform(toNumber) @IsInt({ message: '数量应为整数' }) @Min(1, { message: '数量至少 1' }) @Max(NEARBY_LIMITS.maxLimit, { message: `数量最多 ${NEARBY_LIMITS.maxLimit}` })
  limit?: number;

  @ApiPropertyOptional({ maximum: NEARBY_LIMITS.maxRadiusKm, default: NEARBY_LIMITS.defaultRadiusKm })
  @IsOptional() @Transform(toNumber) @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '范围应为数字（公里）' })
  @Min(0.1, { message: '范围至少 0.1 公里' }) @Max(NEARBY_LIMITS.maxRadiusKm, { message: `范围最多 ${NEARBY_LIMITS.maxRadiusKm} 公里` })
  radiusKm?: number;

  @ApiPropertyOptional({ enum: MERCHANT_CATEGORY_CODES }) @IsOptional() @IsIn(MERCHANT_CATEGORY_CODES, { message: '商户类别不正确' }) category?: MerchantCategory;
}

export class ManageMerchantsQuery {
  @ApiPropertyOptional() @IsOptional() @IsOrgCode() orgCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '搜索内容应为文本' }) @Length(1, 40, { message: '搜索内容应为 1–40 个字' }) q?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CURSOR, { message: '分页游标不正确' }) after?: string;
}

export class UpdateMerchantDto {
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '请填写商户名称' }) @Length(2, BENEFIT_RULES.merchantNameMax, { message: `商户名称应为 2–${BENEFIT_RULES.merchantNameMax} 个字` }) name?: string;
  @ApiPropertyOptional({ enum: MERCHANT_CATEGORY_CODES }) @IsOptional() @IsIn(MERCHANT_CATEGORY_CODES, { message: '请选择商户类别' }) category?: MerchantCategory;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '请填写地址' }) @Length(4, BENEFIT_RULES.addressMax, { message: `地址应为 4–${BENEFIT_RULES.addressMax} 个字` }) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '请填写所在区' }) @Length(2, 20, { message: '区名应为 2–20 个字' }) district?: string;
  @ApiPropertyOptional({ description: 'GCJ-02' })
  @ValidateIf((o: UpdateMerchantDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 }, { message: '请提供有效的纬度' })
  @LatInChina()
  lat?: number;
  @ApiPropertyOptional({ description: 'GCJ-02' })
  @ValidateIf((o: UpdateMerchantDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 }, { message: '请提供有效的经度' })
  @LngInChina()
  lng?: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Matches(/^[0-9-]{7,20}$/, { message: '电话应为 7–20 位数字或 -' }) phone?: string | null;
  @ApiPropertyOptional({ enum: MERCHANT_STATUSES }) @IsOptional() @IsIn(MERCHANT_STATUSES, { message: '状态应为 active 或 suspended' }) status?: MerchantStatus;
}

export class CreateMerchantDto extends UpdateMerchantDto {
  @ApiProperty() @IsString({ message: '请填写商户名称' }) @Length(2, BENEFIT_RULES.merchantNameMax, { message: `商户名称应为 2–${BENEFIT_RULES.merchantNameMax} 个字` }) declare name: string;
  @ApiProperty({ enum: MERCHANT_CATEGORY_CODES }) @IsIn(MERCHANT_CATEGORY_CODES, { message: '请选择商户类别' }) declare category: MerchantCategory;
  @ApiProperty() @IsString({ message: '请填写地址' }) @Length(4, BENEFIT_RULES.addressMax, { message: `地址应为 4–${BENEFIT_RULES.addressMax} 个字` }) declare address: string;
  @ApiProperty() @IsString({ message: '请填写所在区' }) @Length(2, 20, { message: '区名应为 2–20 个字' }) declare district: string;
  @ApiProperty({ description: 'GCJ-02' }) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 }, { message: '请提供有效的纬度' }) @LatInChina() declare lat: number;
  @ApiProperty({ description: 'GCJ-02' }) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 }, { message: '请提供有效的经度' }) @LngInChina() declare lng: number;
  @ApiProperty({ description: '签约的工会组织（须在你的管理范围内）' }) @IsOrgCode() orgCode: string;
}

// ---- campaigns ----

/**
 * The editor's body. Only the shape is checked here; the rules (discount < threshold, percent 1–99 with a cap,
 * the window, integer fen, the pack) are the shared `campaignInputErrors`, run by the service, so the editor and
 * the server word every field error the same way.
 */
export class CampaignInputDto {
  @ApiProperty({ maxLength: BENEFIT_RULES.titleMax }) @IsString({ message: '请填写标题' }) title: string;
  @ApiPropertyOptional({ maxLength: BENEFIT_RULES.descriptionMax }) @IsOptional() @IsString({ message: '说明应为文本' }) @Length(0, BENEFIT_RULES.descriptionMax, { message: `说明最多 ${BENEFIT_RULES.descriptionMax} 个字` }) description?: string;
  @ApiPropertyOptional({ description: '面向哪个工会组织的会员（官员：管理范围内；商户提案：忽略）' }) @IsOptional() @IsOrgCode() orgCode?: string;
  @ApiProperty({ description: '券包：每种券 { kind, thresholdFen, discountFen, percentOff, capFen, count }', type: 'array', items: { type: 'object' } })
  @IsArray({ message: '请至少添加一种券' })
  items: PackItem[];
  @ApiProperty() stock: number;
  @ApiProperty() perMemberLimit: number;
  @ApiProperty({ nullable: true, type: Number }) perDayLimit: number | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray({ message: '职业应为列表' }) occupations?: Occupation[];
  @ApiPropertyOptional({ description: '仅限劳模会员' }) @IsOptional() @IsBoolean({ message: '“仅限劳模”应为是或否' }) modelWorkersOnly?: boolean;
  @ApiProperty({ description: 'ISO 8601' }) claimOpensAt: string;
  @ApiProperty({ description: 'ISO 8601' }) claimClosesAt: string;
  @ApiProperty({ description: "{ mode: 'fixed', validFrom, validUntil } 或 { mode: 'days', days }", type: 'object', additionalProperties: true })
  @IsObject({ message: '请选择券的有效期' })
  validity: CouponValidity;
  @ApiProperty({ description: "'all' 或商户 id 列表", oneOf: [{ type: 'string', enum: ['all'] }, { type: 'array', items: { type: 'string' } }] })
  merchantIds: 'all' | string[];
  @ApiPropertyOptional({ description: '持有多个商户的商户用户：以哪个商户提案' }) @IsOptional() @IsUUID('all', { message: '商户标识不正确' }) merchantId?: string;
}

/** Fields checked only by the shared rules still have to be whitelisted: mark them allowed. */
for (const field of ['stock', 'perMemberLimit', 'perDayLimit', 'claimOpensAt', 'claimClosesAt', 'merchantIds'] as const) {
  IsOptional()(CampaignInputDto.prototype, field);
}

export class RejectCampaignDto {
  @ApiProperty() @IsString({ message: '请填写原因' }) @Length(1, 200, { message: '原因应为 1–200 个字' }) reason: string;
}

export class ManageCampaignsQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES }) @IsOptional() @IsIn(CAMPAIGN_STATUSES, { message: '状态不正确' }) status?: CampaignStatus;
  @ApiPropertyOptional() @IsOptional() @IsOrgCode() orgCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CURSOR, { message: '分页游标不正确' }) cursor?: string;
}

// ---- 劳模 ----

export class ModelWorkerDto {
  @ApiProperty({ description: '会员卡上的会员号' }) @IsString({ message: '请填写会员号' }) @Length(4, 30, { message: '请填写会员卡上的会员号' }) memberNo: string;
  @ApiProperty({ maxLength: 40, example: '厦门市劳动模范' }) @IsString({ message: '请填写荣誉称号' }) honour: string;
}

export class ModelWorkersQuery {
  @ApiPropertyOptional() @IsOptional() @IsOrgCode() orgCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CURSOR, { message: '分页游标不正确' }) cursor?: string;
}

// ---- wallet ----

export class WalletQuery {
  @ApiPropertyOptional({ enum: COUPON_STATUSES, default: 'available' }) @IsOptional() @IsIn(COUPON_STATUSES, { message: '状态应为 available、used 或 expired' }) status?: CouponStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(CURSOR, { message: '分页游标不正确' }) cursor?: string;
}

// ---- redemptions ----

export class RedemptionLookupDto {
  @ApiPropertyOptional({ description: '扫码得到的券码令牌（60 秒有效）' }) @IsOptional() @IsString({ message: '券码令牌不正确' }) @Length(10, 1000, { message: '券码令牌不正确' }) token?: string;
  @ApiPropertyOptional({ description: '手输的 12 位券码（可含空格）' }) @IsOptional() @IsString({ message: '请输入 12 位券码' }) @Length(1, 20, { message: '请输入 12 位券码' }) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: '商户标识不正确' }) merchantId?: string;
}

export class RedeemDto extends RedemptionLookupDto {
  @ApiProperty({ description: '订单金额（分）' })
  @IsInt({ message: '订单金额应为整数（分）' })
  @Min(1, { message: '订单金额须大于 0' })
  @Max(BENEFIT_RULES.fenMax, { message: '订单金额过大，请核对' })
  orderFen: number;
}

export class RedemptionsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: '商户标识不正确' }) merchantId?: string;
  @ApiPropertyOptional({ example: '2026-12' }) @IsOptional() @Matches(SETTLEMENT_MONTH_PATTERN, { message: '月份应为 YYYY-MM' }) month?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CURSOR, { message: '分页游标不正确' }) cursor?: string;
}

// ---- settlement ----

export class SettlementQuery {
  @ApiProperty({ example: '2026-12' }) @Matches(SETTLEMENT_MONTH_PATTERN, { message: '月份应为 YYYY-MM' }) month: string;
  @ApiPropertyOptional() @IsOptional() @IsOrgCode() orgCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: '商户标识不正确' }) merchantId?: string;
}
