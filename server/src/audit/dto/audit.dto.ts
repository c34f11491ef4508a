import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction } from '@nuanxin/shared';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsMobile } from '../../common/validators';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** `GET /api/audit`: every filter optional; newest first. */
export class AuditQuery {
  @ApiPropertyOptional({ description: '操作人用户 id' })
  @IsOptional()
  @IsUUID('all', { message: '操作人 id 格式不正确' })
  actorId?: string;

  @ApiPropertyOptional({ description: '操作人的手机号（按其哈希查找，不会写入日志）', example: '13800001111' })
  @IsOptional()
  @IsMobile()
  actorMobile?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS as readonly string[], { message: `操作类型应为 ${AUDIT_ACTIONS.join('、')} 之一` })
  action?: AuditAction;

  @ApiPropertyOptional({ description: '被处理人的用户 id' })
  @IsOptional()
  @IsUUID('all', { message: '用户 id 格式不正确' })
  subjectUserId?: string;

  @ApiPropertyOptional({ description: '被处理人的手机号（按其哈希查找，不会写入日志）', example: '13800001111' })
  @IsOptional()
  @IsMobile()
  subjectMobile?: string;

  @ApiPropertyOptional({ description: '起始时间（含），ISO 8601', example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '起始时间应为 ISO 8601 时间，如 2026-12-01T00:00:00+08:00' })
  from?: string;

  @ApiPropertyOptional({ description: '截止时间（不含），ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '截止时间应为 ISO 8601 时间，如 2026-12-31T00:00:00+08:00' })
  to?: string;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @IsString({ message: '分页游标不正确' })
  @MaxLength(200, { message: '分页游标不正确' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Transform(toNumber)
  @Min(1, { message: '数量至少为 1' })
  @Max(100, { message: '一次最多 100 条' })
  @IsInt({ message: '数量应为整数' })
  limit?: number;
}

export class AuditActorDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: '操作时的最高角色' }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) orgName: string | null;
  @ApiProperty({ nullable: true, type: String }) nickname: string | null;
  @ApiProperty({ nullable: true, type: String, example: '138****5678' }) mobileMasked: string | null;
}

export class AuditSubjectDto {
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '138****5678' }) masked: string | null;
}

export class AuditObjectDto {
  @ApiProperty({ example: 'membership_application' }) type: string;
  @ApiProperty({ nullable: true, type: String }) id: string | null;
}

export class AuditOrgDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty() actionLabel: string;
  @ApiProperty({ type: AuditActorDto, nullable: true, description: 'null：系统（部署初始化命令、邀请在登录时生效）' }) actor: AuditActorDto | null;
  @ApiProperty({ type: AuditSubjectDto }) subject: AuditSubjectDto;
  @ApiProperty({ type: AuditObjectDto, nullable: true }) object: AuditObjectDto | null;
  @ApiProperty({ type: AuditOrgDto, nullable: true }) org: AuditOrgDto | null;
  @ApiProperty({ nullable: true, type: String, description: '请求 id（x-request-id），可在服务日志中对照' }) requestId: string | null;
  @ApiProperty({ nullable: true, type: Object }) detail: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
