import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQuery } from './dto/audit.dto';

/** Read-only on purpose: the API has no route that edits or deletes an audit line. */
@ApiTags('审计日志')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin')
  @Get()
  @ApiOperation({ summary: '审计日志（仅市总管理员）：按操作人、操作类型、时间段、被处理人筛选，新的在前，游标分页' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() q: AuditQuery): Promise<AuditPageDto> {
    return this.audit.list(q);
  }
}
