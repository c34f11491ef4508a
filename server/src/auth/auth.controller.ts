import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { AuthService, type TokenResponse } from './auth.service';
import { DemoUserDto, DevLoginDto, RefreshDto, SmsSendDto, SmsSentDto, SmsVerifyDto, TokenResponseDto, WechatLoginDto } from './dto/auth.dto';
import { SmsService } from './sms.service';

@ApiTags('认证')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sms: SmsService,
  ) {}

  @Public()
  @Post('wechat')
  @HttpCode(200)
  @ApiOperation({ summary: '微信小程序登录（code2Session）' })
  @ApiOkResponse({ type: TokenResponseDto })
  wechat(@Body() dto: WechatLoginDto): Promise<TokenResponse> {
    return this.auth.loginWechat(dto.code);
  }

  @Public()
  @Post('sms/send')
  @HttpCode(200)
  @ApiOperation({ summary: '发送短信验证码（60 秒一次，每天 10 次）' })
  @ApiOkResponse({ type: SmsSentDto })
  smsSend(@Body() dto: SmsSendDto) {
    return this.sms.send(dto.mobile);
  }

  @Public()
  @Post('sms/verify')
  @HttpCode(200)
  @ApiOperation({ summary: '短信验证码登录（5 分钟有效，错 5 次锁定）' })
  @ApiOkResponse({ type: TokenResponseDto })
  smsVerify(@Body() dto: SmsVerifyDto, @Req() req: FastifyRequest): Promise<TokenResponse> {
    // The request id goes to the audit rows of invitations attaching at this login.
    return this.auth.loginSms(dto.mobile, dto.code, req.id);
  }

  @Public()
  @Post('dev')
  @HttpCode(200)
  @ApiOperation({ summary: '开发登录（仅当 DEV_LOGIN=true，生产环境不存在）' })
  @ApiOkResponse({ type: TokenResponseDto })
  dev(@Body() dto: DevLoginDto): Promise<TokenResponse> {
    if (!this.auth.devLoginEnabled) throw new DomainError(404, 'ROUTE_NOT_FOUND');
    return this.auth.loginDev(dto.openid, dto.roles, dto.orgCode);
  }

  @Public()
  @Get('demo-users')
  @ApiOperation({ summary: '演示用户列表（仅当 DEV_LOGIN=true；未开启时为空列表，登录页每次都问，不当作错误）' })
  @ApiOkResponse({ type: [DemoUserDto] })
  demoUsers(): DemoUserDto[] {
    return this.auth.demoUsers.map((u) => ({ ...u, group: u.group ?? null, short: u.short ?? null }));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: '刷新登录（刷新凭证每次轮换，重复使用将注销整组凭证）' })
  @ApiOkResponse({ type: TokenResponseDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }
}
