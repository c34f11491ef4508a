import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { AdminService } from './admin.service';
import { GrantRequestDto, GrantResultDto, OrgImportDto, OrgImportResultDto, StaffListDto, StaffListQuery } from './dto/admin.dto';
import { OrgImportService } from './org-import.service';

/** Administration: staff and their roles (admins city-wide, officers in their subtree), the org-tree import (admins). */
@ApiTags('管理')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly orgImport: OrgImportService,
  ) {}

  @Roles('officer', 'admin')
  @Get('staff')
  @ApiOperation({ summary: '某组织的工作人员（手机号脱敏）及其角色，以及等待首次登录生效的邀请（工会干部：本组织子树）' })
  @ApiOkResponse({ type: StaffListDto })
  staff(@CurrentUser() user: AuthUser, @Query() q: StaffListQuery): Promise<StaffListDto> {
    return this.admin.staffOf(user, q.orgCode);
  }

  @Roles('officer', 'admin')
  @Post('grants')
  @Idempotent()
  @ApiOperation({
    summary:
      '按手机号授予角色：工会干部（组织）、驿站站长（驿站）、商户（商户）、管理员（仅市总管理员可授，且只在市总工会上）。已短信登录过的人立即生效并收到消息，否则在其首次短信登录时生效。不能给自己授权',
  })
  @ApiCreatedResponse({ type: GrantResultDto })
  grant(@CurrentUser() user: AuthUser, @Body() dto: GrantRequestDto): Promise<GrantResultDto> {
    return this.admin.grant(user, dto);
  }

  @Roles('officer', 'admin')
  @Delete('grants/:id')
  @HttpCode(204)
  @ApiOperation({ summary: '撤销一项授权，下一次请求起生效（不能撤销自己的，不能撤销市总工会最后一位管理员）' })
  @ApiNoContentResponse()
  async revoke(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<void> {
    await this.admin.revoke(user, id);
  }

  @Roles('officer', 'admin')
  @Delete('invitations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: '撤回一项尚未生效的邀请' })
  @ApiNoContentResponse()
  async cancelInvitation(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<void> {
    await this.admin.cancelInvitation(user, id);
  }

  @Roles('admin')
  @Post('orgs/import')
  @HttpCode(200)
  @ApiOperation({ summary: '导入组织架构（CSV，逐行校验，按编码幂等；dryRun 只校验不写入）' })
  @ApiOkResponse({ type: OrgImportResultDto })
  importOrgs(@CurrentUser() user: AuthUser, @Body() dto: OrgImportDto): Promise<OrgImportResultDto> {
    return this.orgImport.importCsv(user, dto.csv, dto.dryRun ?? false);
  }
}
