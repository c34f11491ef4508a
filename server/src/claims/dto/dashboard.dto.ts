import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDate, IsOrgCode } from '../../common/validators';

export class DashboardQuery {
  @ApiPropertyOptional({ description: '提交日期起（北京时间，含）；默认今年 1 月 1 日', example: '2026-01-01' })
  @IsOptional()
  @IsIsoDate('起始日期应为 YYYY-MM-DD')
  from?: string;
  @ApiPropertyOptional({ description: '提交日期止（北京时间，含）；默认今天', example: '2026-12-31' })
  @IsOptional()
  @IsIsoDate('截止日期应为 YYYY-MM-DD')
  to?: string;
  @ApiPropertyOptional({ description: '只看该工会及其下级（须在本人管辖范围内）', example: 'XM-SM' }) @IsOptional() @IsOrgCode() org?: string;
}

/** A share: `numerator / denominator`, and the percentage rounded to one decimal (null when nothing to count). */
export class RatioDto {
  @ApiProperty() numerator: number;
  @ApiProperty() denominator: number;
  @ApiProperty({ nullable: true, type: Number }) percent: number | null;
}

export class TierFigureDto {
  @ApiProperty({ enum: [1, 2, 3] }) tier: number;
  @ApiProperty() label: string;
  @ApiProperty() received: number;
}

export class CategoryFigureDto {
  @ApiProperty() category: string;
  @ApiProperty() label: string;
  @ApiProperty() received: number;
  @ApiProperty() mediated: number;
  @ApiProperty({ description: '已追回（分，仅职工确认收到的）' }) recoveredFen: number;
}

export class MonthFigureDto {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty() received: number;
  @ApiProperty({ description: '其中已办结' }) resolved: number;
  @ApiProperty({ description: '已追回（分，仅职工确认收到的）' }) recoveredFen: number;
}

export class DashboardDto {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-02' }) to: string;
  @ApiProperty({ description: '受理（期间内提交的）诉求数' }) received: number;
  @ApiProperty({ type: RatioDto, description: '首次响应及时率：按期受理的 / 已受理或已过首次响应期限的' }) firstResponseOnTime: RatioDto;
  @ApiProperty({ type: RatioDto, description: '调解按期率：期限内办结的 / 已办结或已过调解期限的（有调解期限的诉求）' }) mediationOnTime: RatioDto;
  @ApiProperty({ type: RatioDto, description: '调解成功率：调解成功的 / 有办理结果的（不含职工撤回）' }) mediatedSuccessfully: RatioDto;
  @ApiProperty({ type: [TierFigureDto], description: '按办理层级' }) byTier: TierFigureDto[];
  @ApiProperty({ description: '调解协议约定金额（分）' }) agreedFen: number;
  @ApiProperty({ description: '已追回金额（分）：仅计职工确认收到的款项' }) recoveredFen: number;
  @ApiProperty({ description: '约定未付（分）= 约定金额 − 已追回' }) agreedUnpaidFen: number;
  @ApiProperty({ nullable: true, type: Number, description: '平均评分（1–5 星，保留两位小数）' }) averageRating: number | null;
  @ApiProperty({ type: RatioDto, description: '满意率：4–5 星 / 已评价' }) satisfaction: RatioDto;
  @ApiProperty({ description: '当前超期（不限期间：此刻期限已过、仍在办理的诉求）' }) overdueNow: number;
  @ApiProperty({ type: [CategoryFigureDto] }) byCategory: CategoryFigureDto[];
  @ApiProperty({ type: [MonthFigureDto] }) byMonth: MonthFigureDto[];
}

export class PublicCategoryDto {
  @ApiProperty() label: string;
  @ApiProperty() received: number;
}

export class PublicAreaDto {
  @ApiProperty({ description: '区名，全市为「全市」' }) name: string;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty() received: number;
  @ApiProperty() closed: number;
  @ApiProperty({ description: '追回金额（分，仅职工确认收到的）' }) recoveredFen: number;
  @ApiProperty({ nullable: true, type: Number, description: '满意率（%，4–5 星 / 已评价）' }) satisfactionPercent: number | null;
  @ApiProperty({ type: [PublicCategoryDto], description: '按类别；不足 5 件的类别并入「其他」' }) byCategory: PublicCategoryDto[];
}

export class PublicFiguresDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: PublicAreaDto }) city: PublicAreaDto;
  @ApiProperty({ type: [PublicAreaDto] }) districts: PublicAreaDto[];
  @ApiProperty({ description: '统计时间' }) asOf: Date;
}
