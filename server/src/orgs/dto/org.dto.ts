import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORG_LEVELS, type OrgLevel } from '@nuanxin/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsOrgCode } from '../../common/validators';
import type { Org } from '../org.entity';

export class CreateOrgDto {
  @ApiProperty({ example: 'XM-SM' }) @IsOrgCode() parentCode: string;
  @ApiProperty({ example: 'XM-SM-ZX' }) @IsOrgCode() code: string;
  @ApiProperty({ example: '思明区中华街道总工会' })
  @IsString({ message: '请填写组织名称' })
  @Length(2, 100, { message: '组织名称应为 2–100 个字' })
  name: string;
  @ApiProperty({ enum: ORG_LEVELS }) @IsIn(ORG_LEVELS as OrgLevel[], { message: '组织层级应为 city、district、street 或 enterprise' }) level: OrgLevel;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '自动审核应为 true 或 false' }) autoApprove?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '兜底工会应为 true 或 false' }) catchAll?: boolean;
  @ApiPropertyOptional({ description: '区调解中心（接收上报的诉求）' }) @IsOptional() @IsBoolean({ message: '调解中心应为 true 或 false' }) isMediationCentre?: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 30, description: '调解期限（工作日），留空为默认 3 个' })
  @IsOptional()
  @Min(1, { message: '调解期限应为 1–30 个工作日' })
  @Max(30, { message: '调解期限应为 1–30 个工作日' })
  @IsInt({ message: '调解期限应为整数个工作日' })
  mediationWorkdays?: number | null;
}

export class UpdateOrgDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '请填写组织名称' })
  @Length(2, 100, { message: '组织名称应为 2–100 个字' })
  name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '自动审核应为 true 或 false' }) autoApprove?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '兜底工会应为 true 或 false' }) catchAll?: boolean;
  @ApiPropertyOptional({ description: '区调解中心（接收上报的诉求）' }) @IsOptional() @IsBoolean({ message: '调解中心应为 true 或 false' }) isMediationCentre?: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 30, description: '调解期限（工作日）；null 恢复默认 3 个' })
  // null is a value here (back to the default), so only a missing field skips the checks.
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Min(1, { message: '调解期限应为 1–30 个工作日' })
  @Max(30, { message: '调解期限应为 1–30 个工作日' })
  @IsInt({ message: '调解期限应为整数个工作日' })
  mediationWorkdays?: number | null;
}

export const ORG_SEARCH_LIMITS = { defaultLimit: 20, maxLimit: 50, maxQueryLength: 32 } as const;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
/** Query strings carry text: exactly `true` or `false` become booleans, anything else is left for `@IsBoolean` to refuse. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** `GET /api/orgs`: the public org search behind the join page's and the claim form's pickers. */
export class OrgSearchQuery {
  @ApiPropertyOptional({ description: '组织名称或编码关键词（不区分大小写），留空列出全部', maxLength: ORG_SEARCH_LIMITS.maxQueryLength, example: '美团' })
  @IsOptional()
  @Transform(trimmed)
  @MaxLength(ORG_SEARCH_LIMITS.maxQueryLength, { message: `关键词最多 ${ORG_SEARCH_LIMITS.maxQueryLength} 个字` })
  @IsString({ message: '关键词应为文字' })
  q?: string;

  @ApiPropertyOptional({ enum: ORG_LEVELS })
  @IsOptional()
  @IsIn(ORG_LEVELS as OrgLevel[], { message: '组织层级应为 city、district、street 或 enterprise' })
  level?: OrgLevel;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true：只列可以作为诉求「所在单位工会」的组织（企业层级，不含区兜底工会和调解中心），我有事办选单位用',
    example: true,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: '单位工会筛选应为 true 或 false' })
  employer?: boolean;

  @ApiPropertyOptional({ default: ORG_SEARCH_LIMITS.defaultLimit, minimum: 1, maximum: ORG_SEARCH_LIMITS.maxLimit })
  @IsOptional()
  @Transform(toNumber)
  @Min(1, { message: '数量至少为 1' })
  @Max(ORG_SEARCH_LIMITS.maxLimit, { message: `一次最多 ${ORG_SEARCH_LIMITS.maxLimit} 个` })
  @IsInt({ message: '数量应为整数' }) // listed last: the pipe reports the last failing rule, and "not a number" comes first
  limit?: number;
}

export class OrgPublicDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORG_LEVELS }) level: OrgLevel;
  @ApiProperty({ nullable: true, type: String }) parentName: string | null;
  @ApiProperty() autoApprove: boolean;
}

export class OrgSearchResultDto {
  @ApiProperty({ type: [OrgPublicDto], description: '仅启用的组织，按层级（市→区→街道→企业）再按名称排序' }) items: OrgPublicDto[];
}

export class OrgDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORG_LEVELS }) level: OrgLevel;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty() depth: number;
  @ApiProperty() autoApprove: boolean;
  @ApiProperty() catchAll: boolean;
  @ApiProperty() isMediationCentre: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: Number, description: '调解期限（工作日），null 为默认 3 个' }) mediationWorkdays: number | null;

  static of(o: Org): OrgDto {
    const { id, code, name, level, parentId, depth, autoApprove, catchAll, isMediationCentre, active, mediationWorkdays } = o;
    return { id, code, name, level, parentId, depth, autoApprove, catchAll, isMediationCentre, active, mediationWorkdays };
  }
}
