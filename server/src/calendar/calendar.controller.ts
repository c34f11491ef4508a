import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { isIsoDate } from '@nuanxin/shared';
import { IsBoolean, IsOptional, IsString, Length, ValidateBy } from 'class-validator';
import { Public, Roles } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { CalendarService, type CalendarDayView } from './calendar.service';

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

  @ApiBearerAuth()
  @Roles('admin')
  @Put('days/:date')
  @ApiOperation({ summary: '修改某一天是否上班（市总管理员）' })
  @ApiOkResponse({ type: CalendarDayDto })
  setDay(@Param('date') date: string, @Body() dto: SetDayDto): Promise<CalendarDayView> {
    if (!isIsoDate(date)) throw DomainError.validation([{ field: 'date', message: '日期格式应为 YYYY-MM-DD' }]);
    return this.calendar.setDay(date, dto.workday, dto.note ?? null);
  }
}
