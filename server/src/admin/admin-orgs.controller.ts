import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateOrgDto, OrgDto, UpdateOrgDto } from '../orgs/dto/org.dto';
import { OrgUpkeepService } from './org-upkeep.service';

/**
 * Changes to the org tree under `/api/orgs` (reading stays in `orgs/`): here because every change writes an audit
 * line, and the audit module already depends on orgs.
 */
@ApiTags('工会组织')
@ApiBearerAuth()
@Controller('orgs')
export class AdminOrgsController {
  constructor(private readonly upkeep: OrgUpkeepService) {}

  @Roles('officer', 'admin')
  @Post()
  @Idempotent()
  @ApiOperation({ summary: '新建下级组织（工会干部：在本组织子树内；记入审计日志）' })
  @ApiCreatedResponse({ type: OrgDto })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrgDto): Promise<OrgDto> {
    return OrgDto.of(await this.upkeep.create(user, dto));
  }

  @Roles('officer', 'admin')
  @Patch(':code')
  @ApiOperation({ summary: '修改组织：名称、自动审核、兜底工会、调解中心及调解期限（工会干部：本组织子树；记入审计日志）' })
  @ApiOkResponse({ type: OrgDto })
  async update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: UpdateOrgDto): Promise<OrgDto> {
    return OrgDto.of(await this.upkeep.update(user, code, dto));
  }
}
