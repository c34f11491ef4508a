import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLAIM_LAW_RULES,
  type AgreementInput,
  type AgreementView,
  type ArbitrationCommissionInput,
  type ArbitrationCommissionView,
  type ArbitrationGuide,
  type ArbitrationPromptState,
  type ClaimContactDefaults,
  type ClaimContactView,
  type InstalmentInput,
  type InstalmentState,
  type InstalmentView,
  type PaymentAnswerInput,
  type PaymentPrompt,
  type RevealPhoneAnswer,
} from '@nuanxin/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsIsoDate, IsOrgCode } from '../../common/validators';

const AMOUNT_MAX_FEN = 2_000_000_000;

// ---- input ----

export class InstalmentInputDto implements InstalmentInput {
  @ApiProperty({ description: '本期金额（分）' })
  @IsInt({ message: '每期金额应为整数（分）' })
  @Min(1, { message: '每期金额应大于 0' })
  @Max(AMOUNT_MAX_FEN, { message: '金额过大，请核对' })
  amountFen: number;
  @ApiProperty({ example: '2026-12-31' }) @IsIsoDate('付款日期格式应为 YYYY-MM-DD') dueDate: string;
}

export class AgreementInputDto implements AgreementInput {
  @ApiProperty({ description: '调解协议约定金额（分）' })
  @IsInt({ message: '约定金额应为整数（分）' })
  @Min(1, { message: '约定金额应大于 0' })
  @Max(AMOUNT_MAX_FEN, { message: '金额过大，请核对' })
  amountFen: number;
  @ApiProperty({ example: '2026-12-31', description: '约定付清日期（北京时间）' }) @IsIsoDate('付款日期格式应为 YYYY-MM-DD') dueDate: string;
  @ApiPropertyOptional({ type: [InstalmentInputDto], description: `分期（最多 ${CLAIM_LAW_RULES.instalmentsMax} 期），合计须等于约定金额，最后一期在约定付清日期` })
  @IsOptional()
  @IsArray({ message: '分期应为列表' })
  @ArrayMinSize(1, { message: '分期至少 1 期' })
  @ArrayMaxSize(CLAIM_LAW_RULES.instalmentsMax, { message: `分期最多 ${CLAIM_LAW_RULES.instalmentsMax} 期` })
  @ValidateNested({ each: true })
  @Type(() => InstalmentInputDto)
  instalments?: InstalmentInputDto[];
}

export class ReferDto {
  @ApiProperty({ description: '疑难情况说明' }) @IsString({ message: '请填写转交说明' }) @Length(2, 500, { message: '转交说明应为 2–500 个字' }) note: string;
}

export class PaymentAnswerDto implements PaymentAnswerInput {
  @ApiProperty() @IsUUID('all', { message: '款项标识不正确' }) instalmentId: string;
  @ApiProperty({ description: 'true 已收到；false 未收到（诉求重新打开，并提示可申请支付令）' }) @IsBoolean({ message: '请选择是否已收到' }) received: boolean;
  @ApiPropertyOptional({ description: '实际收到的金额（分），默认本期全额' })
  @ValidateIf((o: PaymentAnswerDto) => o.receivedFen !== undefined)
  @IsInt({ message: '收到金额应为整数（分）' })
  @Min(1, { message: '收到金额应大于 0' })
  @Max(AMOUNT_MAX_FEN, { message: '金额过大，请核对' })
  receivedFen?: number;
}

export class CommissionInputDto implements ArbitrationCommissionInput {
  @ApiProperty({ example: 'XM-SM', description: '服务的区（或市）总工会组织编码' }) @IsOrgCode() orgCode: string;
  @ApiProperty() @IsString({ message: '请填写仲裁委员会名称' }) @Length(2, 100, { message: '名称应为 2–100 个字' }) name: string;
  @ApiProperty() @IsString({ message: '请填写地址' }) @Length(2, 200, { message: '地址应为 2–200 个字' }) address: string;
  @ApiProperty({ example: '0592-2222222' }) @Matches(/^[0-9+\-() ]{5,30}$/, { message: '电话应为 5–30 位数字（可含 - 与括号）' }) phone: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString({ message: '备注应为文本' }) @Length(0, 200, { message: '备注最多 200 个字' }) note?: string | null;
}

export class CommissionPatchDto {
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '请填写仲裁委员会名称' }) @Length(2, 100, { message: '名称应为 2–100 个字' }) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '请填写地址' }) @Length(2, 200, { message: '地址应为 2–200 个字' }) address?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9+\-() ]{5,30}$/, { message: '电话应为 5–30 位数字（可含 - 与括号）' }) phone?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString({ message: '备注应为文本' }) @Length(0, 200, { message: '备注最多 200 个字' }) note?: string | null;
}

// ---- output ----

export class ClaimContactDto implements ClaimContactView {
  @ApiProperty({ nullable: true, type: String, description: '称呼' }) name: string | null;
  @ApiProperty({ nullable: true, type: String, example: '138****5678' }) mobileMasked: string | null;
  @ApiProperty({ enum: ['phone', 'message'] }) preference: 'phone' | 'message';
  @ApiProperty({ description: '可调用 reveal-phone 查看完整号码（管辖该诉求的干部、电话联系、留有手机号）' }) canReveal: boolean;
}

export class ContactDefaultsDto implements ClaimContactDefaults {
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, enum: ['membership'] }) nameSource: 'membership' | null;
  @ApiProperty({ nullable: true, type: String }) mobileMasked: string | null;
  @ApiProperty({ nullable: true, enum: ['login', 'application'] }) mobileSource: 'login' | 'application' | null;
}

export class RevealPhoneDto implements RevealPhoneAnswer {
  @ApiProperty({ example: '13812345678' }) mobile: string;
}

export class InstalmentDto implements InstalmentView {
  @ApiProperty() id: string;
  @ApiProperty() seq: number;
  @ApiProperty() amountFen: number;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: ['scheduled', 'asking', 'received', 'not_received'] }) state: InstalmentState;
  @ApiProperty({ nullable: true, type: Number }) receivedFen: number | null;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
}

export class AgreementDto implements AgreementView {
  @ApiProperty() id: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() dueDate: string;
  @ApiProperty({ type: [InstalmentDto] }) instalments: InstalmentDto[];
  @ApiProperty({ description: '职工确认收到的金额' }) recoveredFen: number;
  @ApiProperty() createdAt: string;
}

export class PaymentPromptDto implements PaymentPrompt {
  @ApiProperty() instalmentId: string;
  @ApiProperty() seq: number;
  @ApiProperty() amountFen: number;
  @ApiProperty() dueDate: string;
}

class OrgRefDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class CommissionDto implements ArbitrationCommissionView {
  @ApiProperty() id: string;
  @ApiProperty({ type: OrgRefDto }) org: OrgRefDto;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty() phone: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

class HotlineDto {
  @ApiProperty() number: string;
  @ApiProperty() label: string;
}

class LawTextsDto {
  @ApiProperty() art14: string;
  @ApiProperty() art27: string;
  @ApiProperty() art16: string;
}

export class ArbitrationGuideDto implements ArbitrationGuide {
  @ApiProperty({ nullable: true, type: CommissionDto }) commission: CommissionDto | null;
  @ApiProperty({ type: [HotlineDto] }) hotlines: HotlineDto[];
  @ApiProperty({ type: [String] }) checklist: string[];
  @ApiProperty({ type: LawTextsDto }) law: LawTextsDto;
  @ApiProperty({ nullable: true, type: String }) arbitrationRightDate: string | null;
}

/** The issue-13 fields every ClaimDto carries (see docs/api.md). */
export class ClaimLawFieldsDto {
  @ApiProperty({ nullable: true, type: ClaimContactDto }) contact: ClaimContactDto | null;
  @ApiProperty({ enum: [1, 2, 3], description: '办理层级：1 工会调解，2 联动调处中心，3 仲裁/诉讼引导' }) handlingTier: 1 | 2 | 3;
  @ApiProperty({ description: '疑难' }) difficult: boolean;
  @ApiProperty({ nullable: true, type: Date }) tierEnteredAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) mediationReceivedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) arbitrationRightAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: '第十四条：可申请仲裁之日（北京时间日期）' }) arbitrationRightDate: string | null;
  @ApiProperty({ enum: ['none', 'not_yet', 'pending', 'consented', 'chosen'] }) arbitrationPrompt: ArbitrationPromptState;
  @ApiProperty({ nullable: true, type: Date }) continuedMediationConsentAt: Date | null;
  @ApiProperty({ nullable: true, type: AgreementDto }) agreement: AgreementDto | null;
  @ApiProperty({ nullable: true, type: Number }) agreedFen: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '职工确认收到的金额（仅计确认）' }) recoveredFen: number | null;
  @ApiProperty({ nullable: true, type: PaymentPromptDto }) paymentPrompt: PaymentPromptDto | null;
  @ApiProperty({ nullable: true, type: Date, description: '职工答复未收到：显示第十六条支付令指引' }) paymentMissedAt: Date | null;
}
