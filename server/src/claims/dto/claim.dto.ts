import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLAIM_CATEGORY_CODES,
  CLAIM_OUTCOMES,
  CLAIM_RULES,
  CLAIM_STATUSES,
  TRANSFER_DEPARTMENTS,
  type ClaimAction,
  type ClaimCategory,
  type ClaimOutcome,
  type ClaimStatus,
  type TransferDepartment,
} from '@nuanxin/shared';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { IsMobile, IsOrgCode } from '../../common/validators';
import { AgreementInputDto, ClaimLawFieldsDto } from './claim-law.dto';

const OUTCOME_CODES = CLAIM_OUTCOMES.map((o) => o.code).filter((c) => c !== 'withdrawn') as ClaimOutcome[];
const DEPARTMENT_CODES = TRANSFER_DEPARTMENTS.map((d) => d.code) as TransferDepartment[];
const AMOUNT_MAX_FEN = 2_000_000_000;

export class CreateClaimDto {
  @ApiProperty({ enum: CLAIM_CATEGORY_CODES }) @IsIn(CLAIM_CATEGORY_CODES, { message: '请选择诉求类别' }) category: ClaimCategory;

  @ApiPropertyOptional({ description: '用人单位已建工会时选择其工会组织编码', example: 'XM-MT' })
  @IsOptional()
  @IsOrgCode()
  employerOrgCode?: string;

  @ApiPropertyOptional({ example: '某某配送站', description: '选择了单位工会时可不填（默认为该工会名称）' })
  @ValidateIf((o: CreateClaimDto) => !o.employerOrgCode || o.employerName !== undefined)
  @IsString({ message: '请填写用人单位或平台名称' })
  @Length(1, 100, { message: '用人单位名称应为 1–100 个字' })
  employerName?: string;

  @ApiPropertyOptional({ description: '涉及金额（分）', example: 350000 })
  @IsOptional()
  @IsInt({ message: '金额应为整数（分）' })
  @Min(1, { message: '金额应大于 0' })
  @Max(AMOUNT_MAX_FEN, { message: '金额过大，请核对' })
  amountFen?: number;

  @ApiProperty({ maxLength: CLAIM_RULES.descriptionMax })
  @IsString({ message: '请描述遇到的问题' })
  @Length(5, CLAIM_RULES.descriptionMax, { message: `问题描述应为 5–${CLAIM_RULES.descriptionMax} 个字` })
  description: string;

  @ApiPropertyOptional({ type: [String], description: `证据照片（先上传，最多 ${CLAIM_RULES.photosMax} 张）` })
  @IsOptional()
  @IsArray({ message: '照片应为列表' })
  @ArrayMaxSize(CLAIM_RULES.photosMax, { message: `最多上传 ${CLAIM_RULES.photosMax} 张照片` })
  @IsUUID('all', { each: true, message: '照片标识不正确' })
  attachmentIds?: string[];

  @ApiProperty({ enum: ['phone', 'message'] }) @IsIn(['phone', 'message'], { message: '请选择联系方式' }) contactPreference: 'phone' | 'message';

  @ApiPropertyOptional({ description: '称呼（默认会员姓名）；选择电话联系时必须有', example: '王师傅' })
  @IsOptional()
  @IsString({ message: '称呼应为文本' })
  @Length(1, 50, { message: '称呼应为 1–50 个字' })
  contactName?: string;

  @ApiPropertyOptional({ description: '电话联系时的手机号（也可用 useSavedMobile）；消息通知时不能填写' })
  @IsOptional()
  @IsMobile()
  contactMobile?: string;

  @ApiPropertyOptional({ description: '电话联系：使用短信验证登录的手机号（无则用最近一次入会申请的手机号）' })
  @IsOptional()
  @IsBoolean({ message: 'useSavedMobile 应为 true 或 false' })
  useSavedMobile?: boolean;

  @ApiPropertyOptional({ description: '非会员且单位无工会时：所在区的区总工会编码', example: 'XM-SM' })
  @IsOptional()
  @IsOrgCode()
  districtCode?: string;
}

export class TextDto {
  @ApiProperty()
  @IsString({ message: '请填写内容' })
  @Length(1, 1000, { message: '内容应为 1–1000 个字' })
  text: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '原因应为文本' })
  @Length(1, 300, { message: '原因应为 1–300 个字' })
  reason?: string;
}

export class RatingDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt({ message: '评分应为 1–5 的整数' }) @Min(1, { message: '评分应为 1–5' }) @Max(5, { message: '评分应为 1–5' }) score: number;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '评价应为文本' }) @Length(1, 500, { message: '评价应为 1–500 个字' }) comment?: string;
}

export class AssignDto {
  @ApiProperty() @IsUUID('all', { message: '请选择承办人' }) assigneeId: string;
}

export class EscalateDto {
  @ApiProperty() @IsString({ message: '请填写上报说明' }) @Length(2, 500, { message: '上报说明应为 2–500 个字' }) note: string;
}

export class TransferClaimDto {
  @ApiProperty({ enum: DEPARTMENT_CODES }) @IsIn(DEPARTMENT_CODES, { message: '请选择转交部门' }) department: TransferDepartment;
  @ApiProperty() @IsString({ message: '请填写转交说明' }) @Length(2, 500, { message: '转交说明应为 2–500 个字' }) note: string;
}

export class ResolveDto {
  @ApiProperty({ enum: OUTCOME_CODES }) @IsIn(OUTCOME_CODES, { message: '请选择办理结果' }) outcome: ClaimOutcome;
  @ApiPropertyOptional({ description: '追回金额（分）' })
  @ValidateIf((o: ResolveDto) => o.amountRecoveredFen !== undefined)
  @IsInt({ message: '追回金额应为整数（分）' })
  @Min(0, { message: '追回金额不能为负' })
  @Max(AMOUNT_MAX_FEN, { message: '金额过大，请核对' })
  amountRecoveredFen?: number;
  @ApiProperty() @IsString({ message: '请填写办理情况' }) @Length(2, 500, { message: '办理情况应为 2–500 个字' }) summary: string;
  @ApiPropertyOptional({ type: AgreementInputDto, description: '调解成功且有款项待付时：调解协议（金额、付清日期、可分期）' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementInputDto)
  agreement?: AgreementInputDto;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListClaimsQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES }) @IsOptional() @IsIn(CLAIM_STATUSES, { message: '状态不正确' }) status?: ClaimStatus;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean({ message: 'overdue 应为 true 或 false' }) overdue?: boolean;
  @ApiPropertyOptional({ description: '"me" 或承办人 id' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f-]{36})$/, { message: '承办人不正确' })
  assignee?: string;
  @ApiPropertyOptional({ enum: ['deadline', 'newest'], description: 'deadline（默认）：当前期限最早的在前（超期的最先），无期限的随后按提交时间倒序；newest：按提交时间倒序' })
  @IsOptional()
  @IsIn(['deadline', 'newest'], { message: '排序方式应为 deadline 或 newest' })
  sort?: 'deadline' | 'newest';
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{10,300}$/, { message: '分页游标不正确' }) cursor?: string;
}

export class OrgRef {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class ClaimEventDto {
  @ApiProperty() id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['worker', 'officer', 'system'] }) actorRole: string;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() visibleToWorker: boolean;
  @ApiProperty({ enum: CLAIM_STATUSES }) fromStatus: ClaimStatus;
  @ApiProperty({ enum: CLAIM_STATUSES }) toStatus: ClaimStatus;
  @ApiProperty({ nullable: true, type: Object }) data: Record<string, unknown> | null;
}

export class ClaimDto extends ClaimLawFieldsDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'SQ2026000123' }) number: string;
  @ApiProperty({ enum: CLAIM_CATEGORY_CODES }) category: ClaimCategory;
  @ApiProperty() employerName: string;
  @ApiProperty({ nullable: true, type: OrgRef }) employerOrg: OrgRef | null;
  @ApiProperty({ nullable: true, type: Number }) amountFen: number | null;
  @ApiProperty() description: string;
  @ApiProperty() contactPreference: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty({ type: OrgRef, description: '当前负责的工会' }) org: OrgRef;
  @ApiProperty({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty() tier: number;
  @ApiProperty() routedBy: string;
  @ApiProperty() firstResponseDueAt: Date;
  @ApiProperty({ nullable: true, type: Date }) firstResponseAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) mediationDueAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: '当前状态下适用的期限（待受理：首次响应；办理中：调解），队列按它排序' }) dueAt: Date | null;
  @ApiProperty({ description: '首次响应期限按周一至周五推算（该年无官方日历）' }) firstResponseEstimated: boolean;
  @ApiProperty({ description: '调解期限按周一至周五推算（该年无官方日历）；未受理时为 false' }) mediationEstimated: boolean;
  @ApiProperty({ description: '兼容字段：firstResponseEstimated，或已有调解期限时的 mediationEstimated' }) deadlineEstimated: boolean;
  @ApiProperty({ description: '当前期限已过' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) department: string | null;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountRecoveredFen: number | null;
  @ApiProperty({ nullable: true, type: String }) outcomeSummary: string | null;
  @ApiProperty({ nullable: true, type: Number }) ratingScore: number | null;
  @ApiProperty({ nullable: true, type: String }) ratingComment: string | null;
  @ApiProperty() reopenCount: number;
  @ApiProperty() canReopen: boolean;
  @ApiProperty({ type: [String], description: '当前用户可执行的操作' }) actions: ClaimAction[];
  @ApiProperty({ type: [String] }) attachmentIds: string[];
  @ApiProperty() submittedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) resolvedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ type: [ClaimEventDto] }) timeline: ClaimEventDto[];
}

export class ClaimPageDto {
  @ApiProperty({ type: [ClaimDto] }) items: ClaimDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class QueueCountDto {
  @ApiProperty({ description: '指派给我、等待受理的诉求数（待受理、上级转来、重新办理）' }) awaiting: number;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() mime: string;
  @ApiProperty() size: number;
}

export class AssigneeDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: '昵称或打码手机号' }) displayName: string;
  @ApiProperty({ description: '该干部手上未办结的诉求数' }) openClaims: number;
}
