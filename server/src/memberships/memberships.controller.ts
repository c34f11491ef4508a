import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  ApplicationDto,
  ApplicationPageDto,
  ApplyDto,
  ApplyResultDto,
  CardDto,
  CardQuery,
  JoinProfileDto,
  ListApplicationsQuery,
  OptionalCardDto,
  RejectDto,
  StatsDto,
  StatsQuery,
  TransferDto,
  VerifyQuery,
  VerifyResultDto,
} from './dto/membership.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('扫码入会')
@ApiBearerAuth()
@Controller('memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post('applications')
  @Idempotent()
  @ApiOperation({ summary: '提交入会申请（自动审核的组织当场发卡）' })
  @ApiCreatedResponse({ type: ApplyResultDto })
  apply(@CurrentUser() user: AuthUser, @Body() dto: ApplyDto): Promise<ApplyResultDto> {
    return this.memberships.apply(user, dto);
  }

  @Get('profile')
  @ApiOperation({ summary: '我已保存的入会信息（取自上一次申请，或短信验证登录的手机号；仅返回打码后的姓名、手机号、身份证号）' })
  @ApiOkResponse({ type: JoinProfileDto })
  profile(@CurrentUser() user: AuthUser): Promise<JoinProfileDto> {
    return this.memberships.profile(user);
  }

  @Get('applications/mine')
  @ApiOperation({ summary: '我的入会与转移申请' })
  @ApiOkResponse({ type: [ApplicationDto] })
  mine(@CurrentUser() user: AuthUser): Promise<ApplicationDto[]> {
    return this.memberships.mine(user);
  }

  @Roles('officer', 'admin')
  @Get('applications')
  @ApiOperation({ summary: '待审核与已处理的申请（本组织子树，按提交时间倒序，游标分页）' })
  @ApiOkResponse({ type: ApplicationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListApplicationsQuery): Promise<ApplicationPageDto> {
    return this.memberships.list(user, q);
  }

  @Get('applications/:id')
  @ApiOperation({ summary: '一份申请（申请人本人或管辖该组织的工会干部）' })
  @ApiOkResponse({ type: ApplicationDto })
  one(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ApplicationDto> {
    return this.memberships.getOne(user, id);
  }

  @Roles('officer', 'admin')
  @Post('applications/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '通过申请并发放会员卡' })
  @ApiOkResponse({ type: ApplyResultDto })
  approve(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ApplyResultDto> {
    return this.memberships.approve(user, id);
  }

  @Roles('officer', 'admin')
  @Post('applications/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '不通过（必须填写原因，申请人会收到消息）' })
  @ApiOkResponse({ type: ApplicationDto })
  reject(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: RejectDto): Promise<ApplicationDto> {
    return this.memberships.reject(user, id, dto.reason);
  }

  @Get('card')
  @ApiOperation({ summary: '我的电子会员卡（含 5 分钟有效的会员码）；带 optional=true 时不是会员答 200 { card: null }' })
  @ApiExtraModels(CardDto, OptionalCardDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(CardDto) }, { $ref: getSchemaPath(OptionalCardDto) }] } })
  async card(@CurrentUser() user: AuthUser, @Query() q: CardQuery): Promise<CardDto | OptionalCardDto> {
    if (q.optional) return { card: await this.memberships.cardIfMember(user) };
    return this.memberships.card(user);
  }

  @Roles('station_master', 'merchant', 'officer', 'admin')
  @Get('verify')
  @ApiOperation({ summary: '核验会员码（驿站站长、商户、工会干部）' })
  @ApiOkResponse({ type: VerifyResultDto })
  verify(@Query() q: VerifyQuery): Promise<VerifyResultDto> {
    return this.memberships.verify(q.token);
  }

  @Post('transfers')
  @Idempotent()
  @ApiOperation({ summary: '会员转移（由转入组织审核，自动审核的组织立即完成）' })
  @ApiCreatedResponse({ type: ApplyResultDto })
  transfer(@CurrentUser() user: AuthUser, @Body() dto: TransferDto): Promise<ApplyResultDto> {
    return this.memberships.transfer(user, dto);
  }

  @Roles('officer', 'admin')
  @Get('stats')
  @ApiOperation({ summary: '入会审核时效：待审、今日已处理、中位数与 P90 用时、超 30 分钟数' })
  @ApiOkResponse({ type: StatsDto })
  stats(@CurrentUser() user: AuthUser, @Query() q: StatsQuery): Promise<StatsDto> {
    return this.memberships.stats(user, q.orgCode);
  }
}
