import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CLAIM_RULES } from '@nuanxin/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { readUploadedFiles } from '../storage/multipart';
import { ClaimQueue } from './claim-queue.service';
import { ClaimsService } from './claims.service';
import { ArbitrationGuideDto, ContactDefaultsDto, PaymentAnswerDto, ReferDto, RevealPhoneDto } from './dto/claim-law.dto';
import {
  AssignDto,
  AssigneeDto,
  AttachmentDto,
  ClaimDto,
  ClaimPageDto,
  CreateClaimDto,
  EscalateDto,
  ListClaimsQuery,
  OptionalReasonDto,
  QueueCountDto,
  RatingDto,
  ResolveDto,
  TextDto,
  TransferClaimDto,
} from './dto/claim.dto';

@ApiTags('我有事办')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly queue: ClaimQueue,
  ) {}

  // ---- worker ----

  @Post()
  @Idempotent()
  @ApiOperation({ summary: '提交诉求：自动分派到负责的工会与承办人，1 个工作日内受理' })
  @ApiCreatedResponse({ type: ClaimDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateClaimDto): Promise<ClaimDto> {
    return this.claims.create(user, dto);
  }

  @Post('attachments')
  @Idempotent()
  @ApiOperation({ summary: `上传证据照片（multipart，字段 file，JPEG/PNG/WebP 按内容识别，每张 ≤ 5 MB，最多 ${CLAIM_RULES.photosMax} 张）` })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiCreatedResponse({ type: [AttachmentDto] })
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<AttachmentDto[]> {
    const files = await readUploadedFiles(req, `一次最多上传 ${CLAIM_RULES.photosMax} 张照片`);
    const saved = await this.claims.upload(user, files);
    return saved.map(({ id, mime, size }) => ({ id, mime, size }));
  }

  @Get('attachments/:id')
  @ApiOperation({ summary: '查看证据照片（上传者本人或管辖该诉求的工会干部）' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async attachment(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { body, mime } = await this.claims.readAttachment(user, id);
    await reply.header('content-type', mime).header('cache-control', 'private, max-age=3600').send(body);
  }

  @Get('contact-defaults')
  @ApiOperation({ summary: '提交诉求时预填的称呼（会员姓名）与打码手机号（短信验证登录的手机号）' })
  @ApiOkResponse({ type: ContactDefaultsDto })
  contactDefaults(@CurrentUser() user: AuthUser): Promise<ContactDefaultsDto> {
    return this.claims.contactDefaults(user);
  }

  @Get('mine')
  @ApiOperation({ summary: '我的诉求（状态与下一个期限）' })
  @ApiOkResponse({ type: [ClaimDto] })
  mine(@CurrentUser() user: AuthUser): Promise<ClaimDto[]> {
    return this.claims.mine(user);
  }

  @Roles('officer', 'admin')
  @Get()
  @ApiOperation({ summary: '诉求队列（本组织子树；可按状态、超期、承办人筛选；游标分页）' })
  @ApiOkResponse({ type: ClaimPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListClaimsQuery): Promise<ClaimPageDto> {
    return this.queue.list(user, q);
  }

  @Roles('officer', 'admin')
  @Get('queue-count')
  @ApiOperation({ summary: '待我受理的诉求数（「我的 → 诉求办理」角标）' })
  @ApiOkResponse({ type: QueueCountDto })
  async queueCount(@CurrentUser() user: AuthUser): Promise<QueueCountDto> {
    return { awaiting: await this.queue.awaitingMine(user) };
  }

  @Get(':id')
  @ApiOperation({ summary: '诉求详情与时间线（职工只看到对其可见的步骤）' })
  @ApiOkResponse({ type: ClaimDto })
  one(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ClaimDto> {
    return this.claims.getOne(user, id);
  }

  @Get(':id/assignees')
  @ApiOperation({ summary: '可指定的承办人：负责该诉求的工会的干部及其未办结诉求数（仅管辖该工会的干部；其他人 404）' })
  @ApiOkResponse({ type: [AssigneeDto] })
  assignees(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<AssigneeDto[]> {
    return this.claims.assignees(user, id);
  }

  @Post(':id/messages')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '职工补充说明' })
  @ApiOkResponse({ type: ClaimDto })
  message(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: TextDto): Promise<ClaimDto> {
    return this.claims.message(user, id, dto.text);
  }

  @Post(':id/withdraw')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '撤回诉求' })
  @ApiOkResponse({ type: ClaimDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: OptionalReasonDto): Promise<ClaimDto> {
    return this.claims.withdraw(user, id, dto.reason);
  }

  @Post(':id/rating')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '评价办理结果（1–5 分），评价后关闭' })
  @ApiOkResponse({ type: ClaimDto })
  rate(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: RatingDto): Promise<ClaimDto> {
    return this.claims.rate(user, id, dto.score, dto.comment);
  }

  @Post(':id/reopen')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '重新办理（办结后 7 天内评 2 分及以下，限一次）' })
  @ApiOkResponse({ type: ClaimDto })
  reopen(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: OptionalReasonDto): Promise<ClaimDto> {
    return this.claims.reopen(user, id, dto.reason);
  }

  @Post(':id/continue-mediation')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '调解满 15 天：同意继续调解（记录在时间线）' })
  @ApiOkResponse({ type: ClaimDto })
  continueMediation(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ClaimDto> {
    return this.claims.continueMediation(user, id);
  }

  @Post(':id/apply-arbitration')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '申请仲裁：进入仲裁/诉讼引导（已引导仲裁），直到干部记录结果' })
  @ApiOkResponse({ type: ClaimDto })
  applyArbitration(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ClaimDto> {
    return this.claims.applyArbitration(user, id);
  }

  @Get(':id/arbitration-guide')
  @ApiOperation({ summary: '仲裁指引：用人单位所在区的劳动人事争议仲裁委员会、12351 与 12348、所需材料、法律条文' })
  @ApiOkResponse({ type: ArbitrationGuideDto })
  arbitrationGuide(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ArbitrationGuideDto> {
    return this.claims.arbitrationGuide(user, id);
  }

  @Post(':id/payment')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '调解协议约定款项是否已收到（到期后）；未收到则诉求重新办理' })
  @ApiOkResponse({ type: ClaimDto })
  payment(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: PaymentAnswerDto): Promise<ClaimDto> {
    return this.claims.answerPayment(user, id, dto);
  }

  // ---- officer ----

  @Roles('officer', 'admin')
  @Post(':id/reveal-phone')
  @HttpCode(200)
  @ApiOperation({ summary: '拨打电话：查看职工完整手机号（仅电话联系；记录在内部时间线与审计日志）' })
  @ApiOkResponse({ type: RevealPhoneDto })
  revealPhone(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<RevealPhoneDto> {
    return this.claims.revealPhone(user, id);
  }

  @Roles('officer', 'admin')
  @Post(':id/refer')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '标记疑难并转联动调处中心（第二层级）' })
  @ApiOkResponse({ type: ClaimDto })
  refer(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: ReferDto): Promise<ClaimDto> {
    return this.claims.refer(user, id, dto.note);
  }

  @Roles('officer', 'admin')
  @Post(':id/accept')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '受理（开始计算调解期限）' })
  @ApiOkResponse({ type: ClaimDto })
  accept(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ClaimDto> {
    return this.claims.accept(user, id);
  }

  @Roles('officer', 'admin')
  @Post(':id/reply')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '答复职工（职工可见）' })
  @ApiOkResponse({ type: ClaimDto })
  reply(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: TextDto): Promise<ClaimDto> {
    return this.claims.reply(user, id, dto.text);
  }

  @Roles('officer', 'admin')
  @Post(':id/notes')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '内部备注（职工不可见）' })
  @ApiOkResponse({ type: ClaimDto })
  note(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: TextDto): Promise<ClaimDto> {
    return this.claims.note(user, id, dto.text);
  }

  @Roles('officer', 'admin')
  @Post(':id/assign')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '指定承办人（负责工会的干部）' })
  @ApiOkResponse({ type: ClaimDto })
  assign(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: AssignDto): Promise<ClaimDto> {
    return this.claims.assign(user, id, dto.assigneeId);
  }

  @Roles('officer', 'admin')
  @Post(':id/escalate')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '上报上级工会（代访代办）' })
  @ApiOkResponse({ type: ClaimDto })
  escalate(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: EscalateDto): Promise<ClaimDto> {
    return this.claims.escalate(user, id, dto.note);
  }

  @Roles('officer', 'admin')
  @Post(':id/transfer')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '转交其他部门（人社、仲裁、法院等）' })
  @ApiOkResponse({ type: ClaimDto })
  transfer(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: TransferClaimDto): Promise<ClaimDto> {
    return this.claims.transfer(user, id, dto.department, dto.note);
  }

  @Roles('officer', 'admin')
  @Post(':id/resolve')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '办结：记录结果与追回金额' })
  @ApiOkResponse({ type: ClaimDto })
  resolve(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: ResolveDto): Promise<ClaimDto> {
    return this.claims.resolve(user, id, dto);
  }
}
