import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORG_LEVELS, type OrgLevel } from '@nuanxin/shared';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsOrgCode } from '../../auth/dto/auth.dto';
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
}

export class UpdateOrgDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '请填写组织名称' })
  @Length(2, 100, { message: '组织名称应为 2–100 个字' })
  name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '自动审核应为 true 或 false' }) autoApprove?: boolean;
}

export class OrgPublicDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORG_LEVELS }) level: OrgLevel;
  @ApiProperty({ nullable: true, type: String }) parentName: string | null;
  @ApiProperty() autoApprove: boolean;
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

  static of(o: Org): OrgDto {
    const { id, code, name, level, parentId, depth, autoApprove, catchAll, isMediationCentre, active } = o;
    return { id, code, name, level, parentId, depth, autoApprove, catchAll, isMediationCentre, active };
  }
}
