import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { SERVICE_CATALOGUE, SERVICE_CATEGORIES } from '@nuanxin/shared';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateStationDto, EventDto, ImportDto, ManageQuery, NearbyQuery, RateStationDto, SearchQuery, UpdateStationDto } from './dto/station.dto';
import { StationCreateService } from './station-create.service';
import { StationsService } from './stations.service';

class StationSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty() district: string;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty() level: string;
  @ApiProperty() hostType: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ type: [String] }) services: string[];
  @ApiPropertyOptional({ description: '与查询位置的距离（米），仅附近查询返回' }) distanceMeters?: number;
  @ApiProperty() isOpenNow: boolean;
  @ApiProperty({ nullable: true, type: Date, description: '下一次开门或关门时间' }) nextChange: Date | null;
  @ApiProperty({ nullable: true, type: String }) closedReason: string | null;
  @ApiProperty() alwaysOpen: boolean;
  @ApiProperty({ nullable: true, type: Number }) rating: number | null;
  @ApiProperty() ratingCount: number;
}

class StationPageDto {
  @ApiProperty({ type: [StationSummaryDto] }) items: StationSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextAfter: string | null;
}

class EventViewDto {
  @ApiProperty() id: string;
  @ApiProperty() stationId: string;
  @ApiProperty() title: string;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty() capacity: number;
  @ApiProperty() signedUp: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty() status: string;
}

class ManagedStationDto extends StationSummaryDto {
  @ApiProperty({ enum: ['open', 'suspended'] }) status: string;
}

class ManagedStationPageDto {
  @ApiProperty({ type: [ManagedStationDto] }) items: ManagedStationDto[];
  @ApiProperty({ nullable: true, type: String }) nextAfter: string | null;
}

class ClosureViewDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() reason: string;
}

class ParentStationDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() level: string;
}

class ManagedStationDetailDto extends ManagedStationDto {
  @ApiProperty({ description: '每周开放时间 { alwaysOpen, days }', type: 'object', additionalProperties: true }) hours: object;
  @ApiProperty({ type: [ClosureViewDto], description: '当前及将来的临时闭站' }) closures: ClosureViewDto[];
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ type: ParentStationDto, nullable: true }) parent: ParentStationDto | null;
  @ApiProperty({ type: [EventViewDto], description: '近 30 天内结束及之后的全部活动（含已取消）' }) events: EventViewDto[];
}

/** GET /api/stations/:id — an open station as a rider sees it. */
class StationDetailDto extends StationSummaryDto {
  @ApiProperty({ description: '每周开放时间 { alwaysOpen, days }（周一在前，每天 0–4 个时段 { open, close }，北京时间 HH:MM）', type: 'object', additionalProperties: true }) hours: object;
  @ApiProperty({ type: [ClosureViewDto], description: '当前及将来的临时闭站' }) closures: ClosureViewDto[];
  @ApiProperty({ type: [String] }) photos: string[];
  @ApiProperty({ type: ParentStationDto, nullable: true, description: '所属总站/分站' }) parent: ParentStationDto | null;
  @ApiProperty({ type: [EventViewDto], description: '未结束的近期活动（最多 20 个，按开始时间）' }) events: EventViewDto[];
}

class ImportResultDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { line: { type: 'number' }, field: { type: 'string' }, message: { type: 'string' } } } })
  errors: Array<{ line: number; field: string; message: string }>;
}

@ApiTags('工会驿站')
@Controller('stations')
export class StationsController {
  constructor(
    private readonly stations: StationsService,
    private readonly creation: StationCreateService,
  ) {}

  @Public()
  @Get('services')
  @ApiOperation({ summary: '驿站服务目录（分类与项目，标准/特色）' })
  services() {
    return { categories: SERVICE_CATEGORIES, items: SERVICE_CATALOGUE };
  }

  @Public()
  @Get('nearby')
  @ApiOperation({ summary: '附近驿站，按距离由近到远（位置只用于本次查询，不保存、不记录日志）' })
  @ApiOkResponse({ type: [StationSummaryDto] })
  // Already JSON: the hot path skips a second serialisation of objects built only to be stringified.
  @Header('Content-Type', 'application/json; charset=utf-8')
  nearby(@Query() q: NearbyQuery): Buffer {
    return this.stations.nearbyJson(q);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: '按名称/地址/区搜索驿站（按编码分页）' })
  @ApiOkResponse({ type: StationPageDto })
  search(@Query() q: SearchQuery) {
    return this.stations.search(q);
  }

  @ApiBearerAuth()
  @Roles('officer', 'admin')
  @Post()
  @Idempotent()
  @ApiOperation({ summary: '新建一个驿站（表单；工会干部：本组织子树内；记入审计日志）。站长另按手机号授权（POST /api/admin/grants）' })
  @ApiCreatedResponse({ type: ManagedStationDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateStationDto) {
    return this.creation.create(user, dto);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: '批量导入驿站（CSV，逐行校验，按编码幂等）' })
  @ApiOkResponse({ type: ImportResultDto })
  import(@Body() dto: ImportDto) {
    return this.stations.importCsv(dto.csv);
  }

  // Declared before `:id`, which would otherwise read `manage` as an id.
  @ApiBearerAuth()
  @Roles('station_master', 'officer', 'admin')
  @Get('manage')
  @ApiOperation({ summary: '我可维护的驿站（含已停用）：站长自己的驿站，干部本组织子树，管理员全部；按编码分页' })
  @ApiOkResponse({ type: ManagedStationPageDto })
  manageList(@CurrentUser() user: AuthUser, @Query() q: ManageQuery) {
    return this.stations.manageList(user, q);
  }

  @ApiBearerAuth()
  @Roles('station_master', 'officer', 'admin')
  @Get(':id/manage')
  @ApiOperation({ summary: '维护用驿站详情（任何状态）：开放时间、临时闭站、全部活动（含已取消、近 30 天已结束）' })
  @ApiOkResponse({ type: ManagedStationDetailDto })
  manageDetail(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string) {
    return this.stations.manageDetail(user, id);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: '驿站详情：服务、开放时间、近期活动、评分' })
  @ApiOkResponse({ type: StationDetailDto })
  detail(@Param('id', IdParam()) id: string) {
    return this.stations.detail(id);
  }

  @ApiBearerAuth()
  @Roles('station_master', 'officer', 'admin')
  @Patch(':id')
  @ApiOperation({ summary: '维护驿站：状态、开放时间、临时闭站、服务、电话（站长维护自己的驿站，干部维护本组织子树）' })
  update(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: UpdateStationDto) {
    return this.stations.update(user, id, dto);
  }

  @ApiBearerAuth()
  @Roles('station_master', 'officer', 'admin')
  @Post(':id/events')
  @Idempotent()
  @ApiOperation({ summary: '发布活动' })
  @ApiCreatedResponse({ type: EventViewDto })
  createEvent(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: EventDto) {
    return this.stations.createEvent(user, id, dto);
  }

  @ApiBearerAuth()
  @Post(':id/ratings')
  @Idempotent()
  @ApiOperation({ summary: '评价驿站（每人每站每天一次）' })
  rate(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: RateStationDto) {
    return this.stations.rate(user, id, dto.score, dto.comment);
  }
}

@ApiTags('工会驿站')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly stations: StationsService) {}

  @Get('mine')
  @ApiOperation({ summary: '我报名的活动' })
  mine(@CurrentUser() user: AuthUser) {
    return this.stations.myEvents(user);
  }

  @Post(':id/signups')
  @Idempotent()
  @ApiOperation({ summary: '报名活动（每人一个名额，满员即止）' })
  @ApiCreatedResponse({ type: EventViewDto })
  signUp(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string) {
    return this.stations.signUp(user, id);
  }

  @Delete(':id/signups')
  @ApiOperation({ summary: '取消报名' })
  @ApiOkResponse({ type: EventViewDto })
  cancel(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string) {
    return this.stations.cancelSignup(user, id);
  }

  @Roles('station_master', 'officer', 'admin')
  @Patch(':id')
  @ApiOperation({ summary: '修改活动（报名者会收到消息）' })
  @ApiOkResponse({ type: EventViewDto })
  update(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string, @Body() dto: EventDto) {
    return this.stations.updateEvent(user, id, dto);
  }

  @Roles('station_master', 'officer', 'admin')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消活动（报名者会收到消息）' })
  @ApiOkResponse({ type: EventViewDto })
  cancelEvent(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string) {
    return this.stations.cancelEvent(user, id);
  }
}
