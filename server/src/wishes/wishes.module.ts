import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgsModule } from '../orgs/orgs.module';
import { StationsModule } from '../stations/stations.module';
import { fileStorageProvider } from '../storage/file-storage.provider';
import { UsersModule } from '../users/users.module';
import { WishEvent } from './wish-event.entity';
import { WishPhoto } from './wish-photo.entity';
import { WishPhotos } from './wish-photos.service';
import { WishSetting } from './wish-setting.entity';
import { WishSettings } from './wish-settings.service';
import { WishViews } from './wish-views';
import { WishWall } from './wish-wall.service';
import { Wish } from './wish.entity';
import { WishesController } from './wishes.controller';
import { WishesService } from './wishes.service';

/** 微心愿: post, screen, the wall without personal data, first claim wins, handover at a station, confirm and thank. */
@Module({
  imports: [TypeOrmModule.forFeature([Wish, WishEvent, WishPhoto, WishSetting]), OrgsModule, UsersModule, MembershipsModule, StationsModule, CalendarModule, NotificationsModule],
  controllers: [WishesController],
  providers: [fileStorageProvider, WishesService, WishWall, WishViews, WishPhotos, WishSettings],
  exports: [WishesService],
})
export class WishesModule {}
