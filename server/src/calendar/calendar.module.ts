import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarDay } from './calendar-day.entity';
import { CalendarYear } from './calendar-year.entity';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** China's official working-day calendar (holidays and 调休) for every deadline. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarDay, CalendarYear])],
  controllers: [CalendarController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
