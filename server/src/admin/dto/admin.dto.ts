import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORG_LEVELS, type OrgLevel } from '@nuanxin/shared';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsMobile, IsOrgCode } from '../../common/validators';
import type { StaffRole } from '../admin.service';

export const GRANTABLE_ROLES: StaffRole[] = ['officer', 'station_master', 'merchant', 'admin'];

/**
 * `POST /api/admin/grants`. What the role is bound to: `orgCode` for officer and admin (admin only on the root
 * org), `stationId` for station_master, `merchantId` for merchant (the merchant's id; scoped by the org that signed
 * it up).
 */
export class GrantRequestDto {
  @ApiProperty({ example: '13800001111', description: '被授权人的手机号：已用短信登录过的立即生效，否则在其首次短信登录时生效' })
  @IsMobile()
  mobile: string;

  @ApiProperty({ enum: GRANTABLE_ROLES })
  @IsIn(GRANTABLE_ROLES, { message: '角色应为 officer、station_master、merchant 或 admin' })
  role: StaffRole;

  @ApiPropertyOptional({ example: 'XM-SM', description: 'officer / admin：所属组织编码' })
  @IsOptional()
  @IsOrgCode()
  orgCode?: string;

  @ApiPropertyOptional({ description: 'station_master：驿站 id' })
  @IsOptional()
  @IsUUID('all', { message: '驿站 id 格式不正确' })
  stationId?: string;

  @ApiPropertyOptional({ description: 'merchant：商户 id（按签约该商户的工会确定管理范围）' })
  @IsOptional()
  @IsString({ message: '商户 id 应为文字' })
  @MaxLength(64, { message: '商户 id 最多 64 个字符' })
  merchantId?: string;
}

export class StaffListQuery {
  @ApiProperty({ example: 'XM-SM' }) @IsOrgCode() orgCode: string;
}

export class StaffStationDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class StaffGrantDto {
  @ApiProperty({ description: '授权 id（撤销时用）' }) id: string;
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String }) nickname: string | null;
  @ApiProperty({ nullable: true, type: String, example: '138****1111' }) mobileMasked: string | null;
  @ApiProperty({ enum: GRANTABLE_ROLES }) role: StaffRole;
  @ApiProperty({ type: StaffStationDto, nullable: true }) station: StaffStationDto | null;
  @ApiProperty({ nullable: true, type: String }) merchantId: string | null;
  @ApiProperty() createdAt: string;
}

export class StaffInvitationDto {
  @ApiProperty({ description: '邀请 id（撤回时用）' }) id: string;
  @ApiProperty({ example: '138****1111' }) mobileMasked: string;
  @ApiProperty({ enum: GRANTABLE_ROLES }) role: StaffRole;
  @ApiProperty({ type: StaffStationDto, nullable: true }) station: StaffStationDto | null;
  @ApiProperty({ nullable: true, type: String }) merchantId: string | null;
  @ApiProperty() createdAt: string;
}

export class StaffOrgDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORG_LEVELS }) level: OrgLevel;
}

export class StaffListDto {
  @ApiProperty({ type: StaffOrgDto }) org: StaffOrgDto;
  @ApiProperty({ type: [StaffGrantDto], description: '本组织的工作人员（驿站站长按其驿站所属组织列出）' }) grants: StaffGrantDto[];
  @ApiProperty({ type: [StaffInvitationDto], description: '尚未首次短信登录、等待生效的邀请' }) invitations: StaffInvitationDto[];
}

export class GrantResultDto {
  @ApiProperty({ enum: ['granted', 'invited', 'unchanged'], description: 'granted：已生效；invited：待其首次短信登录生效；unchanged：已有相同授权或邀请' })
  status: 'granted' | 'invited' | 'unchanged';
  @ApiProperty({ type: StaffGrantDto, nullable: true }) grant: StaffGrantDto | null;
  @ApiProperty({ type: StaffInvitationDto, nullable: true }) invitation: StaffInvitationDto | null;
}

export class OrgImportDto {
  @ApiProperty({
    description:
      'CSV（RFC 4180）：code,name,level,parentCode,autoApprove,catchAll,isMediationCentre,mediationWorkdays。新组织须有 name、level、parentCode（上级须已存在或在文件中排在前面）；已有编码只更新文件中出现且非空的 name 与开关，不能改层级或上级。布尔值写 true/false、1/0 或 是/否',
  })
  @IsString({ message: '请提供 CSV 内容' })
  @Length(10, 2_000_000, { message: 'CSV 内容为空或过大' })
  csv: string;

  @ApiPropertyOptional({ description: 'true：只校验并报告将要发生的变化，不写入', default: false })
  @IsOptional()
  @IsBoolean({ message: '试运行应为 true 或 false' })
  dryRun?: boolean;
}

export class OrgImportErrorDto {
  @ApiProperty({ description: '文件中的行号（表头为第 1 行）' }) line: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class OrgImportResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: '有错误、未导入的行数' }) rejected: number;
  @ApiProperty({ type: [OrgImportErrorDto] }) errors: OrgImportErrorDto[];
}
