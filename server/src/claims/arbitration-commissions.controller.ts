import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { IdParam } from '../common/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ClaimTiers } from './claim-tiers.service';
import { CommissionDto, CommissionInputDto, CommissionPatchDto } from './dto/claim-law.dto';

/** The arbitration commissions per district that tier-3 guidance names (admin keeps the table). */
@ApiTags('我有事办')
@ApiBearerAuth()
@Controller('arbitration-commissions')
export class ArbitrationCommissionsController {
  constructor(private readonly tiers: ClaimTiers) {}

  @Get()
  @ApiOperation({ summary: '各区劳动人事争议仲裁委员会（名称、地址、电话）' })
  @ApiOkResponse({ type: [CommissionDto] })
  list(): Promise<CommissionDto[]> {
    return this.tiers.list();
  }

  @Roles('admin')
  @Post()
  @Idempotent()
  @ApiOperation({ summary: '登记一个区（或市）的仲裁委员会（每个组织一条）' })
  @ApiCreatedResponse({ type: CommissionDto })
  create(@Body() dto: CommissionInputDto): Promise<CommissionDto> {
    return this.tiers.create(dto);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: '修改仲裁委员会信息' })
  @ApiOkResponse({ type: CommissionDto })
  update(@Param('id', IdParam()) id: string, @Body() dto: CommissionPatchDto): Promise<CommissionDto> {
    return this.tiers.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除仲裁委员会信息' })
  async remove(@Param('id', IdParam()) id: string): Promise<void> {
    await this.tiers.remove(id);
  }
}
