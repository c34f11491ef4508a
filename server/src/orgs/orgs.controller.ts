import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { ORG_SEARCH_LIMITS, OrgDto, OrgPublicDto, OrgSearchQuery, OrgSearchResultDto } from './dto/org.dto';
import { OrgQrcodeService } from './org-qrcode.service';
import { OrgsService } from './orgs.service';

/** Reading the tree and join codes; creating and changing orgs is administration (`admin/admin-orgs.controller.ts`, audited). */
@ApiTags('工会组织')
@Controller('orgs')
export class OrgsController {
  constructor(
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
    private readonly qrcodes: OrgQrcodeService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '搜索工会组织（公开，入会页和诉求单位选择用）：名称或编码关键词、层级、只列单位工会；仅启用的组织' })
  @ApiOkResponse({ type: OrgSearchResultDto })
  async search(@Query() query: OrgSearchQuery): Promise<OrgSearchResultDto> {
    return { items: await this.orgs.search({ q: query.q, level: query.level, employer: query.employer, limit: query.limit ?? ORG_SEARCH_LIMITS.defaultLimit }) };
  }

  @Public()
  @Get(':code/qrcode')
  @ApiOperation({ summary: '组织永久入会码：已配置微信时为小程序码（scene = 组织编码），否则为 H5 入会链接二维码' })
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOkResponse({ description: '图片' })
  async qrcode(@Param('code') code: string, @Res() reply: FastifyReply): Promise<void> {
    const org = await this.orgs.getByCode(code);
    if (!org.active) throw new DomainError(404, 'ORG_NOT_FOUND');
    const image = await this.qrcodes.forOrg(org.code);
    await reply
      .header('content-type', image.contentType)
      .header('cache-control', 'public, max-age=86400')
      .header('content-disposition', `inline; filename="${org.code}.${image.contentType.endsWith('png') ? 'png' : 'jpg'}"`)
      .send(image.body);
  }

  @Public()
  @Get(':code')
  @ApiOperation({ summary: '组织公开信息（扫码入会页使用）' })
  @ApiOkResponse({ type: OrgPublicDto })
  async publicInfo(@Param('code') code: string): Promise<OrgPublicDto> {
    const org = await this.orgs.getByCode(code);
    if (!org.active) throw new DomainError(404, 'ORG_NOT_FOUND');
    const parent = org.parentId ? await this.orgs.findById(org.parentId) : null;
    return { code: org.code, name: org.name, level: org.level, parentName: parent?.name ?? null, autoApprove: org.autoApprove };
  }

  @ApiBearerAuth()
  @Roles('officer', 'admin')
  @Get(':code/subtree')
  @ApiOperation({ summary: '本组织及全部下级组织（工会干部：本组织子树）' })
  @ApiOkResponse({ type: [OrgDto] })
  async subtree(@CurrentUser() user: AuthUser, @Param('code') code: string): Promise<OrgDto[]> {
    const org = await this.orgs.getByCode(code);
    this.access.assertOrgInScope(user, org);
    return (await this.orgs.descendants(org)).map(OrgDto.of);
  }
}
