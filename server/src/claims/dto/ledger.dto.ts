import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIM_CATEGORY_CODES, CLAIM_STATUSES, type ClaimCategory, type ClaimStatus } from '@nuanxin/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsIsoDate, IsOrgCode } from '../../common/validators';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** 台账 filters; the export takes the same ones (without the cursor). */
export class LedgerFilters {
  @ApiPropertyOptional({ description: '提交日期起（北京时间，含）', example: '2026-01-01' })
  @IsOptional()
  @IsIsoDate('起始日期应为 YYYY-MM-DD')
  from?: string;

  @ApiPropertyOptional({ description: '提交日期止（北京时间，含）', example: '2026-12-31' })
  @IsOptional()
  @IsIsoDate('截止日期应为 YYYY-MM-DD')
  to?: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUSES }) @IsOptional() @IsIn(CLAIM_STATUSES, { message: '状态不正确' }) status?: ClaimStatus;
  @ApiPropertyOptional({ enum: CLAIM_CATEGORY_CODES }) @IsOptional() @IsIn(CLAIM_CATEGORY_CODES, { message: '类别不正确' }) category?: ClaimCategory;

  @ApiPropertyOptional({ enum: [1, 2, 3], description: '办理层级：1 工会调解，2 联动调处中心，3 仲裁/诉讼引导' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: '办理层级应为 1、2 或 3' })
  @Min(1, { message: '办理层级应为 1、2 或 3' })
  @Max(3, { message: '办理层级应为 1、2 或 3' })
  tier?: number;

  @ApiPropertyOptional({ description: '承办工会编码（含其下级；须在本人管辖范围内）', example: 'XM-SM' }) @IsOptional() @IsOrgCode() org?: string;

  @ApiPropertyOptional({ description: '是否超期：当前期限已过，或受理、办结晚于期限' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue 应为 true 或 false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: '评分 1–5；none = 未评价；satisfied = 4–5 星', example: 'satisfied' })
  @IsOptional()
  @IsIn(['1', '2', '3', '4', '5', 'none', 'satisfied'], { message: '评分筛选应为 1–5、none 或 satisfied' })
  rating?: string;
}

export class LedgerQuery extends LedgerFilters {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{10,300}$/, { message: '分页游标不正确' }) cursor?: string;
}

/** One 台账 line: the columns, personal data masked. Money in fen; dates are Beijing `YYYY-MM-DD`. */
export class LedgerRowDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: '编号' }) number: string;
  @ApiProperty({ description: '受理日期（职工提交、工会收到诉求的日期）' }) receivedDate: string;
  @ApiProperty({ description: '职工（打码）' }) worker: string;
  @ApiProperty({ description: '联系电话（打码；消息通知时为空）' }) mobile: string;
  @ApiProperty({ description: '单位/平台' }) employerName: string;
  @ApiProperty({ enum: CLAIM_CATEGORY_CODES }) category: ClaimCategory;
  @ApiProperty({ description: '类别' }) categoryLabel: string;
  @ApiProperty({ description: '反映内容' }) description: string;
  @ApiProperty({ nullable: true, type: Number, description: '涉及金额（分）' }) amountFen: number | null;
  @ApiProperty({ description: '承办工会' }) orgName: string;
  @ApiProperty({ description: '承办人（昵称或打码手机号）' }) assignee: string;
  @ApiProperty({ enum: [1, 2, 3] }) tier: number;
  @ApiProperty({ description: '办理层级' }) tierLabel: string;
  @ApiProperty({ nullable: true, type: String, description: '受理期限：调解期限，未受理时为首次响应期限' }) dueDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: '办结日期' }) resolvedDate: string | null;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty({ description: '办理结果（未办结时为当前状态）' }) resultLabel: string;
  @ApiProperty({ nullable: true, type: Number, description: '约定金额（分）' }) agreedFen: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '已追回金额（分，仅计职工确认收到的）' }) recoveredFen: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '满意度（1–5 星）' }) ratingScore: number | null;
  @ApiProperty({ description: '是否超期' }) overdue: boolean;
  @ApiProperty() submittedAt: Date;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerRowDto] }) items: LedgerRowDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
