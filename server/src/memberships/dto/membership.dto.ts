import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_STATUS_LABELS,
  checkIdNumber,
  ID_NUMBER_MESSAGES,
  OCCUPATIONS,
  type ApplicationKind,
  type ApplicationStatus,
} from '@nuanxin/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { IsMobile, IsOrgCode } from '../../common/validators';

/** The shared GB 11643 check, with the message naming what is wrong (format, region, birth date, checksum). */
export const IsIdNumber = () =>
  ValidateBy({
    name: 'isIdNumber',
    validator: {
      validate: (v) => typeof v === 'string' && checkIdNumber(v) === null,
      defaultMessage: (args) => (typeof args?.value === 'string' ? ID_NUMBER_MESSAGES[checkIdNumber(args.value) ?? 'format'] : ID_NUMBER_MESSAGES.format),
    },
  });

const STATUSES = Object.keys(APPLICATION_STATUS_LABELS) as ApplicationStatus[];

/** With `useSavedIdentity`, name, mobile and ID number may be left out: the server takes them from the saved profile. */
const unlessSaved = (field: 'name' | 'mobile' | 'idNumber') =>
  ValidateIf((o: ApplyDto) => o.useSavedIdentity !== true || o[field] !== undefined);

export class ApplyDto {
  @ApiProperty({ example: 'XM-MT' }) @IsOrgCode() orgCode: string;

  @ApiPropertyOptional({
    description: '为 true 时，未填写的姓名、手机号、身份证号取自本人上一次申请（GET /api/memberships/profile）；没有保存的信息时按字段返回 400',
  })
  @IsOptional()
  @IsBoolean({ message: '使用已保存的身份信息应为 true 或 false' })
  useSavedIdentity?: boolean;

  @ApiPropertyOptional({ example: '李明', description: '与身份证一致；useSavedIdentity 时可省略' })
  @unlessSaved('name')
  @IsString({ message: '请填写姓名' })
  @Matches(/^[\u4e00-\u9fa5·]{2,20}$|^[A-Za-z][A-Za-z .'-]{1,49}$/, { message: '请填写与身份证一致的姓名' })
  name?: string;

  @ApiPropertyOptional({ example: '13812345678', description: 'useSavedIdentity 时可省略' }) @unlessSaved('mobile') @IsMobile() mobile?: string;

  @ApiPropertyOptional({ example: '35020319900101123X', description: 'useSavedIdentity 时可省略' }) @unlessSaved('idNumber') @IsIdNumber() idNumber?: string;

  @ApiProperty({ example: '美团' })
  @IsString({ message: '请填写工作单位或平台' })
  @Length(1, 100, { message: '工作单位或平台应为 1–100 个字' })
  employer: string;

  @ApiProperty({ enum: OCCUPATIONS })
  @IsIn(OCCUPATIONS, { message: '请选择职业' })
  occupation: string;

  @ApiProperty({ example: '厦门市' })
  @IsString({ message: '请填写所在城市' })
  @Length(1, 50, { message: '所在城市应为 1–50 个字' })
  city: string;

  @ApiProperty({ description: '已阅读并同意隐私政策，必须为 true' })
  @IsOptional()
  @IsBoolean({ message: '请勾选同意隐私政策' })
  consent?: boolean;
}

export class RejectDto {
  @ApiProperty({ example: '所填信息与身份证件不一致' })
  @IsString({ message: '请填写不通过的原因' })
  @Length(2, 300, { message: '原因应为 2–300 个字' })
  reason: string;
}

export class TransferDto {
  @ApiProperty({ example: 'XM-HL-XJY' }) @IsOrgCode() toOrgCode: string;
  @ApiProperty({ example: '换到货拉拉跑车' })
  @IsString({ message: '请填写转移原因' })
  @Length(2, 200, { message: '转移原因应为 2–200 个字' })
  reason: string;
}

export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: '状态不正确' }) status?: ApplicationStatus;
  @ApiPropertyOptional() @IsOptional() @IsOrgCode() orgCode?: string;
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: '分页游标不正确' })
  cursor?: string;
}

export class StatsQuery {
  @ApiProperty({ example: 'XM-SM' }) @IsOrgCode() orgCode: string;
}

export class VerifyQuery {
  @ApiProperty()
  @IsString({ message: '请提供会员码' })
  @Length(10, 1000, { message: '会员码格式不正确' })
  token: string;
}

export class OrgRefDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class ApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['join', 'transfer'] }) kind: ApplicationKind;
  @ApiProperty({ enum: STATUSES }) status: ApplicationStatus;
  @ApiProperty({ type: OrgRefDto }) org: OrgRefDto;
  @ApiProperty() name: string;
  @ApiProperty({ example: '138****5678' }) mobileMasked: string;
  @ApiProperty({ example: '3502**********123X' }) idNumberMasked: string;
  @ApiProperty() employer: string;
  @ApiProperty() occupation: string;
  @ApiProperty() city: string;
  @ApiProperty({ nullable: true, type: String }) transferReason: string | null;
  @ApiProperty() submittedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ description: '是否为自动审核' }) autoDecided: boolean;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationDto] }) items: ApplicationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CardDto {
  @ApiProperty({ example: 'XM2026000123' }) memberNo: string;
  @ApiProperty({ example: '李*' }) nameMasked: string;
  @ApiProperty({ type: OrgRefDto }) org: OrgRefDto;
  @ApiProperty() since: Date;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty({ description: '会员码内容，5 分钟有效' }) token: string;
  @ApiProperty() tokenExpiresAt: Date;
}

export class CardQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true：不是会员时答 200 `{ card: null }`（不当作错误），是会员时答 `{ card }`；不传时不是会员答 404 NOT_A_MEMBER' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'optional 应为 true 或 false' })
  optional?: boolean;
}

/** `GET /api/memberships/card?optional=true`: asking is not an error for a non-member. */
export class OptionalCardDto {
  @ApiProperty({ type: CardDto, nullable: true, description: '不是会员时为 null' }) card: CardDto | null;
}

/** The applicant's saved details, masked; every field is null when nothing is saved. */
export class JoinProfileDto {
  @ApiProperty({ example: '李*', nullable: true, type: String }) nameMasked: string | null;
  @ApiProperty({ example: '138****5678', nullable: true, type: String }) mobileMasked: string | null;
  @ApiProperty({ enum: ['application', 'login'], nullable: true, description: '手机号来自上一次申请或短信验证登录' }) mobileSource: 'application' | 'login' | null;
  @ApiProperty({ example: '3502**********123X', nullable: true, type: String }) idNumberMasked: string | null;
  @ApiProperty({ nullable: true, type: String }) employer: string | null;
  @ApiProperty({ nullable: true, type: String }) occupation: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: Date, description: '来源申请的提交时间' }) savedAt: Date | null;
}

export class ApplyResultDto {
  @ApiProperty({ type: ApplicationDto }) application: ApplicationDto;
  @ApiProperty({ type: CardDto, nullable: true, description: '自动审核的组织当场发卡' }) card: CardDto | null;
}

export class VerifyResultDto {
  @ApiProperty() valid: boolean;
  @ApiProperty() memberNo: string;
  @ApiProperty() nameMasked: string;
  @ApiProperty({ type: OrgRefDto }) org: OrgRefDto;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty() since: Date;
}

export class StatsDto {
  @ApiProperty() orgCode: string;
  @ApiProperty() pendingNow: number;
  @ApiProperty({ description: '今天（北京时间）由工会干部处理（通过或不通过）的数量，不含自动审核' }) decidedToday: number;
  @ApiProperty({ description: '近 30 天由工会干部处理的申请，从提交到处理的中位分钟数（最近秩法）；不含自动审核', nullable: true, type: Number })
  medianMinutes: number | null;
  @ApiProperty({ description: '同上，第 90 百分位（最近秩法）', nullable: true, type: Number }) p90Minutes: number | null;
  @ApiProperty({ description: '近 30 天由工会干部处理、用时超过 30 分钟的数量' }) decidedLate: number;
  @ApiProperty({ description: '近 30 天自动审核通过（即时发卡）的数量：用时为 0，不计入上面的用时统计' }) autoApproved: number;
  @ApiProperty() windowDays: number;
}
