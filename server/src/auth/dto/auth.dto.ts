import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@nuanxin/shared';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsMobile, IsOrgCode } from '../../common/validators';
import { MeDto } from '../../users/dto/me.dto';

export class WechatLoginDto {
  @ApiProperty({ description: 'wx.login() 返回的 code' })
  @IsString({ message: '缺少微信登录 code' })
  @Length(1, 128, { message: '微信登录 code 长度不正确' })
  code: string;
}

export class SmsSendDto {
  @ApiProperty({ example: '13812345678' })
  @IsMobile()
  mobile: string;
}

export class SmsVerifyDto {
  @ApiProperty({ example: '13812345678' })
  @IsMobile()
  mobile: string;

  @ApiProperty({ example: '123456' })
  @IsString({ message: '请输入 6 位验证码' })
  @Matches(/^\d{6}$/, { message: '请输入 6 位数字验证码' })
  code: string;
}

export class DevLoginDto {
  @ApiProperty({ example: 'demo-worker' })
  @IsString({ message: '请填写 openid' })
  @Matches(/^[A-Za-z0-9_-]{3,64}$/, { message: 'openid 应为 3–64 位字母、数字、_ 或 -' })
  openid: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray({ message: '角色应为列表' })
  @ArrayMaxSize(5, { message: '角色过多' })
  @IsIn(ROLES as Role[], { each: true, message: '角色不存在' })
  roles?: Role[];

  @ApiPropertyOptional({ example: 'XM-SM', description: '工会干部所属组织编码' })
  @IsOptional()
  @IsOrgCode()
  orgCode?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString({ message: '缺少刷新凭证' })
  @Length(20, 200, { message: '刷新凭证格式不正确' })
  refreshToken: string;
}

export class TokenResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: '访问凭证有效秒数' }) accessExpiresIn: number;
  @ApiProperty({ type: MeDto }) user: MeDto;
}

export class SmsSentDto {
  @ApiProperty({ example: 60 }) cooldownSeconds: number;
  @ApiProperty({ example: 300 }) expiresInSeconds: number;
}

export class DemoUserDto {
  @ApiProperty() openid: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) orgCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: '登录页上归在一起的小标题（各区兜底工会干部），其余为 null' }) group: string | null;
  @ApiProperty({ nullable: true, type: String, description: '组内按钮上的短名（区名）' }) short: string | null;
}
