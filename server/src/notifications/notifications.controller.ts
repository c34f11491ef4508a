import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SUBSCRIBE_MOMENTS, type SubscribeMoment } from '@nuanxin/shared';
import { IsObject, ValidateBy, type ValidationArguments } from 'class-validator';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Public } from '../common/decorators';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { NotificationsService, type SubscribeAnswer } from './notifications.service';

const ANSWERS: readonly SubscribeAnswer[] = ['accept', 'reject', 'ban', 'filter'];
const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,64}$/;

class TemplatesDto {
  @ApiProperty({ description: '微信订阅消息可用（已配置模板）' }) enabled: boolean;
  @ApiProperty({ description: '各时机要请求授权的模板 id（每次最多 3 个）', example: Object.fromEntries(SUBSCRIBE_MOMENTS.map((m) => [m, []])) })
  moments: Record<SubscribeMoment, string[]>;
}

class SubscriptionsDto {
  @ApiProperty({ description: 'wx.requestSubscribeMessage 成功回调里各模板的结果（去掉 errMsg）', example: { 'TEMPLATE-ID-1': 'accept' } })
  @IsObject({ message: '应为对象：{ 模板id: accept|reject|ban|filter }' })
  @ValidateBy({
    name: 'subscribeResults',
    validator: {
      validate: (v: unknown) =>
        !!v && typeof v === 'object' && Object.keys(v).length >= 1 && Object.keys(v).length <= 10 && Object.entries(v).every(([k, a]) => TEMPLATE_ID.test(k) && ANSWERS.includes(a as SubscribeAnswer)),
      defaultMessage: (a?: ValidationArguments) => (a && a.value && typeof a.value === 'object' && Object.keys(a.value).length > 10 ? '一次最多 10 个模板' : '应为 1–10 个「模板id: accept|reject|ban|filter」'),
    },
  })
  results: Record<string, SubscribeAnswer>;
}

class CreditsDto {
  @ApiProperty({ description: '提交的各模板现有的可发送次数', example: { 'TEMPLATE-ID-1': 1 } }) credits: Record<string, number>;
}

@ApiTags('消息')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Public()
  @Get('templates')
  @ApiOperation({ summary: '订阅消息模板：提交诉求、申请入会、活动报名时请求用户授权（仅微信小程序）' })
  @ApiOkResponse({ type: TemplatesDto })
  templates(): TemplatesDto {
    return this.notifications.subscribeTemplates();
  }

  @Post('subscriptions')
  @ApiBearerAuth()
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '上报订阅授权结果：每个 accept 记一次可发送次数' })
  @ApiOkResponse({ type: CreditsDto })
  async subscriptions(@CurrentUser() user: AuthUser, @Body() dto: SubscriptionsDto): Promise<CreditsDto> {
    return { credits: await this.notifications.recordSubscriptions(user.id, dto.results) };
  }
}
