import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NEARBY_LIMITS,
  WISH_CATEGORY_CODES,
  WISH_DONOR_TYPES,
  WISH_RULES,
  WISH_STATUSES,
  type WallFilter,
  type WishCategory,
  type WishDonorType,
  type WishHandover,
  type WishStatus,
} from '@nuanxin/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { IsOrgCode } from '../../common/validators';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const DONOR_TYPE_CODES = WISH_DONOR_TYPES.map((d) => d.code) as WishDonorType[];
const WALL_FILTER_CODES: WallFilter[] = ['open', 'claimed', 'fulfilled'];
/** Wish texts are counted in characters as the form counts them (an emoji is one). */
const chars = (s: string) => [...s.trim()].length;
/** Length in characters after trimming, with the range in the message. */
const CharLength = (message: string) => {
  const [min, max] = (message.match(/(\d+)–(\d+)/) ?? []).slice(1).map(Number);
  return ValidateBy({ name: 'charLength', validator: { validate: (v: unknown) => typeof v === 'string' && chars(v) >= min && chars(v) <= max, defaultMessage: () => message } });
};

export class PostWishDto {
  @ApiProperty({ enum: WISH_CATEGORY_CODES }) @IsIn(WISH_CATEGORY_CODES, { message: '请选择心愿类别' }) category: WishCategory;

  @ApiProperty({ maxLength: WISH_RULES.titleMax, example: '给孩子的新书包' })
  @IsString({ message: '请填写心愿标题' })
  @CharLength(`心愿标题应为 2–${WISH_RULES.titleMax} 个字`)
  title: string;

  @ApiProperty({ maxLength: WISH_RULES.storyMax })
  @IsString({ message: '请写下心愿背后的故事' })
  @CharLength(`心愿故事应为 10–${WISH_RULES.storyMax} 个字`)
  story: string;

  @ApiProperty({ description: '估计价值（分），不超过所在工会的上限（默认 ¥500）', example: 12000 })
  @IsInt({ message: '心愿价值应为整数（分）' })
  @Min(100, { message: '心愿价值至少 1 元' })
  @Max(10_000_000, { message: '心愿价值过大，请核对' })
  valueFen: number;

  @ApiProperty({ description: '领取心愿的驿站 id（附近的驿站优先）' }) @IsUUID('all', { message: '请选择领取心愿的驿站' }) stationId: string;

  @ApiPropertyOptional({ description: '心愿墙上显示为「匿名」而不是「X师傅」' }) @IsOptional() @IsBoolean({ message: '匿名应为 true 或 false' }) anonymous?: boolean;

  @ApiPropertyOptional({ description: '心愿物品的照片（先上传；不要拍人）' }) @IsOptional() @IsUUID('all', { message: '照片标识不正确' }) photoId?: string;
}

export class ReasonDto {
  @ApiProperty() @IsString({ message: '请填写原因' }) @Length(2, 200, { message: '原因应为 2–200 个字' }) reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '原因应为文本' }) @Length(1, 200, { message: '原因应为 1–200 个字' }) reason?: string;
}

export class NoteDto {
  @ApiProperty() @IsString({ message: '请填写说明' }) @Length(2, 200, { message: '说明应为 2–200 个字' }) note: string;
}

export class ApproveWishDto {
  @ApiPropertyOptional({ description: '删去个人信息后的标题（职工看到修改后的文字）' })
  @IsOptional()
  @IsString({ message: '标题应为文本' })
  @CharLength(`心愿标题应为 2–${WISH_RULES.titleMax} 个字`)
  title?: string;

  @ApiPropertyOptional({ description: '删去个人信息后的故事' })
  @IsOptional()
  @IsString({ message: '故事应为文本' })
  @CharLength(`心愿故事应为 10–${WISH_RULES.storyMax} 个字`)
  story?: string;

  @ApiPropertyOptional({ description: '照片不宜公开时去掉它' }) @IsOptional() @IsBoolean({ message: 'removePhoto 应为 true 或 false' }) removePhoto?: boolean;
}

export class ClaimWishDto {
  @ApiProperty({ enum: DONOR_TYPE_CODES }) @IsIn(DONOR_TYPE_CODES, { message: '请选择认领人类型（个人、企业、工会干部或志愿者）' }) donorType: WishDonorType;

  @ApiPropertyOptional({ description: '心愿墙上显示的名称；不填或匿名时显示「匿名」', example: '鹭岛爱心车队' })
  @IsOptional()
  @IsString({ message: '显示名称应为文本' })
  @Length(1, 20, { message: '显示名称应为 1–20 个字' })
  displayName?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '匿名应为 true 或 false' }) anonymous?: boolean;
}

export class DeliverWishDto {
  @ApiProperty({ enum: ['station', 'direct'], description: 'station：送到领取驿站；direct：当面交给职工' })
  @IsIn(['station', 'direct'], { message: '请选择送达方式（送到驿站或当面交付）' })
  handover: WishHandover;

  @ApiProperty({ description: '送达照片（先上传）' }) @IsUUID('all', { message: '请上传送达照片' }) photoId: string;

  @ApiPropertyOptional() @IsOptional() @IsString({ message: '备注应为文本' }) @Length(1, 200, { message: '备注应为 1–200 个字' }) note?: string;
}

export class PickupDto {
  @ApiProperty({ description: '职工出示的电子会员卡二维码内容' }) @IsString({ message: '请扫描职工的会员码' }) @Length(10, 2000, { message: '会员码不正确，请重新扫描' }) cardToken: string;
}

export class ConfirmDto {
  @ApiPropertyOptional({ maxLength: WISH_RULES.thanksMax, description: '感谢的话（心愿墙上与「已圆梦」一起展示）' })
  @IsOptional()
  @IsString({ message: '感谢的话应为文本' })
  @CharLength(`感谢的话应为 1–${WISH_RULES.thanksMax} 个字`)
  thanks?: string;
}

export class ThanksDto {
  @ApiProperty({ maxLength: WISH_RULES.thanksMax })
  @IsString({ message: '请写下感谢的话' })
  @CharLength(`感谢的话应为 1–${WISH_RULES.thanksMax} 个字`)
  thanks: string;
}

export class WallQuery {
  @ApiPropertyOptional({ enum: WALL_FILTER_CODES, default: 'open', description: 'open 待认领 / claimed 已认领 / fulfilled 已圆梦' })
  @IsOptional()
  @IsIn(WALL_FILTER_CODES, { message: '筛选应为 open、claimed 或 fulfilled' })
  filter?: WallFilter;

  @ApiPropertyOptional({ enum: WISH_CATEGORY_CODES }) @IsOptional() @IsIn(WISH_CATEGORY_CODES, { message: '心愿类别不正确' }) category?: WishCategory;
  @ApiPropertyOptional({ example: '思明区' }) @IsOptional() @IsString({ message: '区应为文本' }) @Length(1, 20, { message: '区名应为 1–20 个字' }) district?: string;

  @ApiPropertyOptional({ description: 'GCJ-02 纬度：给出时返回到领取驿站的距离（不保存）' })
  @ValidateIf((o: WallQuery) => o.lng !== undefined || o.lat !== undefined || o.radiusKm !== undefined)
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '请提供有效的纬度' })
  lat?: number;

  @ApiPropertyOptional()
  @ValidateIf((o: WallQuery) => o.lng !== undefined || o.lat !== undefined || o.radiusKm !== undefined)
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '请提供有效的经度' })
  lng?: number;

  @ApiPropertyOptional({ description: '只看领取驿站在此范围内的心愿（公里，需同时给出位置）', maximum: NEARBY_LIMITS.maxRadiusKm })
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '范围应为数字（公里）' })
  @Min(0.1, { message: '范围至少 0.1 公里' })
  @Max(NEARBY_LIMITS.maxRadiusKm, { message: `范围最多 ${NEARBY_LIMITS.maxRadiusKm} 公里` })
  radiusKm?: number;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{10,300}$/, { message: '分页游标不正确' }) cursor?: string;
}

export class QueueQuery {
  @ApiPropertyOptional({ enum: WISH_STATUSES, default: 'screening' }) @IsOptional() @IsIn(WISH_STATUSES, { message: '状态不正确' }) status?: WishStatus;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{10,300}$/, { message: '分页游标不正确' }) cursor?: string;
}

export class OrgQuery {
  @ApiProperty({ example: 'XM-SM' }) @IsOrgCode() orgCode: string;
}

export class WishSettingsDto {
  @ApiProperty({ description: '心愿价值上限（分）', example: 50000 })
  @IsInt({ message: '价值上限应为整数（分）' })
  @Min(100, { message: '价值上限至少 1 元' })
  @Max(500_000, { message: '价值上限最多 5000 元' })
  valueCapFen: number;

  @ApiProperty({ description: '每名会员每年可发布的心愿数', example: 2 })
  @IsInt({ message: '每年次数应为整数' })
  @Min(1, { message: '每年至少 1 次' })
  @Max(12, { message: '每年最多 12 次' })
  yearlyLimit: number;
}
