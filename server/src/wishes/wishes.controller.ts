import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { WishDetail, WishOrgSettings, WishPage, WishPostingRules, WishStats, WishWallPage } from '@nuanxin/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { readUploadedFiles } from '../storage/multipart';
import {
  ApproveWishDto,
  ClaimWishDto,
  ConfirmDto,
  DeliverWishDto,
  NoteDto,
  OptionalReasonDto,
  OrgQuery,
  PickupDto,
  PostWishDto,
  QueueQuery,
  ReasonDto,
  ThanksDto,
  WallQuery,
  WishSettingsDto,
} from './dto/wish.dto';
import { WishPhotos } from './wish-photos.service';
import { WishSettings } from './wish-settings.service';
import { WishWall } from './wish-wall.service';
import { WishesService } from './wishes.service';

@ApiTags('微心愿')
@ApiBearerAuth()
@Controller('wishes')
export class WishesController {
  constructor(
    private readonly wishes: WishesService,
    private readonly wall: WishWall,
    private readonly photos: WishPhotos,
    private readonly settings: WishSettings,
  ) {}

  // ---- the wall ----

  @Public()
  @Get('wall')
  @ApiOperation({ summary: '心愿墙（无需登录）：按状态（待认领/已认领/已圆梦）、类别、区、附近筛选，游标分页，附三个计数；不含职工个人信息' })
  list(@Query() q: WallQuery): Promise<WishWallPage> {
    return this.wall.wall(q);
  }

  // ---- wisher ----

  @Get('rules')
  @ApiOperation({ summary: '发心愿前：是否会员、价值上限、每年次数与已用次数、进行中的心愿' })
  rules(@CurrentUser() user: AuthUser): Promise<WishPostingRules> {
    return this.wishes.rules(user);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: '发布微心愿（会员；进入审核，3 个工作日内审核）' })
  post(@CurrentUser() user: AuthUser, @Body() dto: PostWishDto): Promise<WishDetail> {
    return this.wishes.post(user, dto);
  }

  @Get('mine')
  @ApiOperation({ summary: '我的心愿（含时间线与下一步）' })
  mine(@CurrentUser() user: AuthUser): Promise<WishDetail[]> {
    return this.wall.mine(user);
  }

  @Post('photos')
  @Idempotent()
  @ApiOperation({ summary: '上传照片（multipart，字段 file，一张；JPEG/PNG/WebP 按内容识别，≤ 5 MB）：心愿物品照片或送达照片' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<{ id: string; mime: string; size: number }> {
    const files = await readUploadedFiles(req, '请选择一张照片上传');
    const { id, mime, size } = await this.photos.upload(user.id, files);
    return { id, mime, size };
  }

  @Get('photos/:id')
  @ApiOperation({ summary: '查看照片：心愿照片对能看到该心愿的人可见；送达照片仅对参与的各方可见' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async photo(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { body, mime } = await this.photos.read(user.id, id, (wishId, photoId) => this.wishes.mayReadPhoto(user, wishId, photoId));
    await reply.header('content-type', mime).header('cache-control', 'private, max-age=3600').send(body);
  }

  // ---- donor ----

  @Get('claimed')
  @ApiOperation({ summary: '我认领的心愿' })
  claimed(@CurrentUser() user: AuthUser): Promise<WishDetail[]> {
    return this.wall.claimedBy(user);
  }

  // ---- station master ----

  @Roles('station_master')
  @Get('station')
  @ApiOperation({ summary: '送往或已到我驿站的心愿（待送达、待签收、待领取）' })
  station(@CurrentUser() user: AuthUser): Promise<WishDetail[]> {
    return this.wall.atMyStations(user);
  }

  // ---- officer ----

  @Roles('officer', 'admin')
  @Get('queue')
  @ApiOperation({ summary: '审核队列（本组织子树；按审核期限，超期的在前；可按状态查看；游标分页）' })
  queue(@CurrentUser() user: AuthUser, @Query() q: QueueQuery): Promise<WishPage> {
    return this.wall.queue(user, q);
  }

  @Roles('officer', 'admin')
  @Get('handovers')
  @ApiOperation({ summary: '交接中的心愿（本组织子树；已认领到确认收到之间，等得最久的在前；送达 14 天未确认的可关闭）' })
  handovers(@CurrentUser() user: AuthUser): Promise<WishDetail[]> {
    return this.wall.handovers(user);
  }

  @Roles('officer', 'admin')
  @Get('settings')
  @ApiOperation({ summary: '组织的心愿价值上限与每年次数（未设置时沿用上级或默认值）' })
  getSettings(@CurrentUser() user: AuthUser, @Query() q: OrgQuery): Promise<WishOrgSettings> {
    return this.settings.get(user, q.orgCode);
  }

  @Roles('officer', 'admin')
  @Put('settings')
  @ApiOperation({ summary: '设置组织的心愿价值上限与每年次数（对其下级组织同样生效，除非下级另有设置）' })
  putSettings(@CurrentUser() user: AuthUser, @Query() q: OrgQuery, @Body() dto: WishSettingsDto): Promise<WishOrgSettings> {
    return this.settings.put(user, q.orgCode, dto);
  }

  @Roles('officer', 'admin')
  @Get('stats')
  @ApiOperation({ summary: '心愿统计：发布、上墙、认领、圆梦数，上墙到圆梦的天数中位数' })
  stats(@CurrentUser() user: AuthUser, @Query() q: OrgQuery): Promise<WishStats> {
    return this.settings.stats(user, q.orgCode);
  }

  // ---- one wish ----

  @Get(':id')
  @ApiOperation({ summary: '心愿详情：参与各方看到时间线与下一步；其他人只看到心愿墙上的内容' })
  one(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<WishDetail> {
    return this.wishes.one(user, id);
  }

  @Post(':id/cancel')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '撤回心愿（被认领前）' })
  cancel(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: OptionalReasonDto): Promise<WishDetail> {
    return this.wishes.cancel(user, id, dto.reason);
  }

  @Post(':id/confirm')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '确认收到（可同时写感谢的话）：心愿圆梦' })
  confirm(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: ConfirmDto): Promise<WishDetail> {
    return this.wishes.confirm(user, id, dto.thanks);
  }

  @Post(':id/thanks')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '为已圆梦的心愿补写感谢（一次）' })
  thank(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: ThanksDto): Promise<WishDetail> {
    return this.wishes.thank(user, id, dto.thanks);
  }

  @Post(':id/claim')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '认领心愿（先到先得；每人最多同时认领 3 个；7 天内送达）' })
  claim(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: ClaimWishDto): Promise<WishDetail> {
    return this.wishes.claim(user, id, dto);
  }

  @Post(':id/release')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '放弃认领（心愿回到心愿墙）' })
  release(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: OptionalReasonDto): Promise<WishDetail> {
    return this.wishes.release(user, id, dto.reason);
  }

  @Post(':id/deliver')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '标记送达（附照片）：送到领取驿站，或当面交给职工' })
  deliver(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: DeliverWishDto): Promise<WishDetail> {
    return this.wishes.deliver(user, id, dto);
  }

  @Roles('station_master')
  @Post(':id/receive')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '驿站签收' })
  receive(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<WishDetail> {
    return this.wishes.receive(user, id);
  }

  @Roles('station_master')
  @Post(':id/pickup')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '职工领取：扫描职工的会员码，须是心愿人本人的有效会员码' })
  pickup(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: PickupDto): Promise<WishDetail> {
    return this.wishes.pickup(user, id, dto.cardToken);
  }

  @Roles('officer', 'admin')
  @Post(':id/approve')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '审核通过（可修改标题与故事以删去个人信息）并发布到心愿墙' })
  approve(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: ApproveWishDto): Promise<WishDetail> {
    return this.wishes.approve(user, id, dto);
  }

  @Roles('officer', 'admin')
  @Post(':id/reject')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '审核不通过（附原因）' })
  reject(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: ReasonDto): Promise<WishDetail> {
    return this.wishes.reject(user, id, dto.reason);
  }

  @Roles('officer', 'admin')
  @Post(':id/close')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: '关闭送达 14 天仍未确认的心愿（附说明）' })
  close(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: NoteDto): Promise<WishDetail> {
    return this.wishes.close(user, id, dto.note);
  }
}
