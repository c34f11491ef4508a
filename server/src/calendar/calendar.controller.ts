import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { isIsoDate } from '@nuanxin/shared';
import { IsBoolean, IsOptional, IsString, Length, ValidateBy } from 'class-validator';
import { Public, Roles } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { CalendarService, type CalendarDayView, type CalendarYearView } from './calendar.service';

const IsIsoDate = () =>
  ValidateBy({ name: 'isIsoDate', validator: { validate: (v) => typeof v === 'string' && isIsoDate(v), defaultMessage: () => '日期格式应为 YYYY-MM-DD' } });

class CalendarQuery {
  @ApiProperty({ example: '2026-10-01' }) @IsIsoDate() from: string;
  @ApiProperty({ example: '2026-10-31' }) @IsIsoDate() to: string;
}

class SetDayDto {
  @ApiProperty() @IsBoolean({ message: '请说明当天是否上班（true/false）' }) workday: boolean;
  @ApiPropertyOptional({ example: '国庆节' })
  @IsOptional()
  @IsString({ message: '备注应为文本' })
  @Length(1, 50, { message: '备注应为 1–50 个字' })
  note?: string;
}

class CalendarDayDto {
  @ApiProperty() date: string;
  @ApiProperty() workday: boolean;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: '该年没有官方数据，按周一至周五推算' }) estimated: boolean;
}

class CalendarYearDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ enum: ['chinese-days', 'admin'], description: 'chinese-days：随系统发布的官方数据；admin：管理员确认全年已录入' }) source: string;
  @ApiProperty() coveredAt: Date;
}

@ApiTags('工作日历')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '工作日历（含调休与节假日；无官方数据的年份按周一至周五推算）' })
  @ApiOkResponse({ type: [CalendarDayDto] })
  list(@Query() q: CalendarQuery): CalendarDayView[] {
    const span = (Date.parse(q.to) - Date.parse(q.from)) / 86400_000;
    if (span < 0 || span > 366) throw DomainError.validation([{ field: 'to', message: '查询范围应在 0–366 天之间' }]);
    return this.calendar.range(q.from, q.to);
  }

  @Public()
  @Get('years')
  @ApiOperation({ summary: '已有完整官方数据的年份（其余年份按周一至周五推算）' })
  @ApiOkResponse({ type: [CalendarYearDto] })
  years(): Promise<CalendarYearView[]> {
    return this.calendar.coveredYears();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('years/:year')
  @ApiOperation({ summary: '确认某年的节假日与调休已全部录入（市总管理员）：该年不再按推算处理' })
  @ApiOkResponse({ type: CalendarYearDto })
  declareYear(@Param('year') year: string): Promise<CalendarYearView> {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
      throw DomainError.validation([{ field: 'year', message: '年份应为 2000–2100 之间的四位数字' }]);
    }
    return this.calendar.declareYear(Number(year));
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('days/:date')
  @ApiOperation({ summary: '修改某一天是否上班（市总管理员）；不会让该年其余日期变为官方数据' })
  @ApiOkResponse({ type: CalendarDayDto })
  setDay(@Param('date') date: string, @Body() dto: SetDayDto): Promise<CalendarDayView> {
    if (!isIsoDate(date)) throw DomainError.validation([{ field: 'date', message: '日期格式应为 YYYY-MM-DD' }]);
    return this.calendar.setDay(date, dto.workday, dto.note ?? null);
  }
}
