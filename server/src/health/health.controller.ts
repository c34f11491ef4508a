import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Public } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { APP_VERSION } from '../version';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['sqlite', 'mysql'] }) database: string;
  @ApiProperty() databaseReachable: boolean;
  @ApiProperty() migrationsApplied: number;
  @ApiProperty() migrationsPending: boolean;
}

@ApiTags('运维')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '健康检查：数据库可达、版本、迁移已执行' })
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<HealthDto> {
    try {
      await this.ds.query('SELECT 1');
      const applied = (await this.ds.query(`SELECT COUNT(*) AS n FROM ${this.ds.driver.escape('migrations')}`)) as Array<{ n: number | string }>;
      const pending = await this.ds.showMigrations();
      return {
        status: 'ok',
        version: APP_VERSION,
        database: this.config.dialect,
        databaseReachable: true,
        migrationsApplied: Number(applied[0].n),
        migrationsPending: pending,
      };
    } catch {
      throw new DomainError(503, 'SERVICE_UNAVAILABLE', '数据库不可用');
    }
  }
}
