import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateOrgDto, OrgDto, OrgPublicDto, UpdateOrgDto } from './dto/org.dto';
import { OrgsService } from './orgs.service';

@ApiTags('工会组织')
@Controller('orgs')
export class OrgsController {
  constructor(
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
  ) {}

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

  @ApiBearerAuth()
  @Roles('officer', 'admin')
  @Post()
  @Idempotent()
  @ApiOperation({ summary: '新建下级组织' })
  @ApiCreatedResponse({ type: OrgDto })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrgDto): Promise<OrgDto> {
    const parent = await this.orgs.getByCode(dto.parentCode);
    this.access.assertOrgInScope(user, parent);
    const org = await this.orgs.create({ ...dto, parentId: parent.id });
    return OrgDto.of(org);
  }

  @ApiBearerAuth()
  @Roles('officer', 'admin')
  @Patch(':code')
  @ApiOperation({ summary: '修改组织名称或自动审核' })
  @ApiOkResponse({ type: OrgDto })
  async update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: UpdateOrgDto): Promise<OrgDto> {
    const org = await this.orgs.getByCode(code);
    this.access.assertOrgInScope(user, org);
    return OrgDto.of(await this.orgs.update(org, dto));
  }
}
