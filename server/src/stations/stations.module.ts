import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgsModule } from '../orgs/orgs.module';
import { EventSignup, StationEvent, StationRating } from './station-event.entity';
import { StationCreateService } from './station-create.service';
import { StationIndexService } from './station-index.service';
import { Station } from './station.entity';
import { EventsController, StationsController } from './stations.controller';
import { StationsService } from './stations.service';

/** Union stations (驿站): the nearest-first index, upkeep, events and ratings. The jobs room polls the index. */
@Module({
  imports: [TypeOrmModule.forFeature([Station, StationEvent, EventSignup, StationRating]), OrgsModule, NotificationsModule, AuditModule],
  controllers: [StationsController, EventsController],
  providers: [StationsService, StationIndexService, StationCreateService],
  exports: [StationIndexService, StationsService],
})
export class StationsModule {}
