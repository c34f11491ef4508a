import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ClaimDashboard } from './claim-dashboard.service';
import { ClaimExports } from './claim-export.service';
import { ClaimLedger } from './claim-ledger.service';
import { DashboardDto, DashboardQuery, PublicFiguresDto } from './dto/dashboard.dto';
import { ExportProgressDto } from './dto/export.dto';
import { LedgerFilters, LedgerPageDto, LedgerQuery } from './dto/ledger.dto';

/** 台账, its Excel export and the dashboards, for officers (their org subtree) and admins (city-wide); the public figures. */
@ApiTags('诉求台账')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsLedgerController {
  constructor(
    private readonly ledger: ClaimLedger,
    private readonly exports: ClaimExports,
    private readonly dashboards: ClaimDashboard,
  ) {}

  @Roles('officer', 'admin')
  @Get('dashboard')
  @ApiOperation({ summary: '办理数据看板（本组织子树，管理员全市；按期间，默认今年）' })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(@CurrentUser() user: AuthUser, @Query() q: DashboardQuery): Promise<DashboardDto> {
    return this.dashboards.dashboard(user, q);
  }

  @Public()
  @Get('figures')
  @ApiOperation({ summary: '公开数据（无需登录）：今年各区与全市的受理、办结、追回金额、满意率；仅汇总数' })
  @ApiOkResponse({ type: PublicFiguresDto })
  async figures(@Res({ passthrough: true }) reply: FastifyReply): Promise<PublicFiguresDto> {
    reply.header('cache-control', 'public, max-age=300');
    return this.dashboards.publicFigures();
  }

  @Roles('officer', 'admin')
  @Get('ledger')
  @ApiOperation({ summary: '诉求台账（本组织子树，管理员全市；按时段、状态、类别、层级、工会、超期、评分筛选；游标分页，每页 50 条）' })
  @ApiOkResponse({ type: LedgerPageDto })
  page(@CurrentUser() user: AuthUser, @Query() q: LedgerQuery): Promise<LedgerPageDto> {
    return this.ledger.page(user, q);
  }

  @Roles('officer', 'admin')
  @Post('exports')
  @Idempotent()
  @ApiOperation({ summary: '导出台账为 Excel（后台生成；筛选条件同台账；记入审计日志）' })
  @ApiCreatedResponse({ type: ExportProgressDto })
  start(@CurrentUser() user: AuthUser, @Body() f: LedgerFilters): Promise<ExportProgressDto> {
    return this.exports.start(user, f);
  }

  @Roles('officer', 'admin')
  @Get('exports/:id')
  @ApiOperation({ summary: '导出进度；完成后给出 10 分钟内有效的下载链接（仅导出人本人）' })
  @ApiOkResponse({ type: ExportProgressDto })
  progress(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<ExportProgressDto> {
    return this.exports.progress(user, id);
  }

  @Public()
  @Get('exports/:id/file')
  @ApiOperation({ summary: '下载导出的台账（签名链接，过期后 403）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async file(@Param('id', IdParam()) id: string, @Query('exp') exp: string, @Query('sig') sig: string, @Res() reply: FastifyReply): Promise<void> {
    const { body, filename } = await this.exports.file(id, String(exp ?? ''), String(sig ?? ''));
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .header('cache-control', 'private, no-store')
      .send(body);
  }
}
