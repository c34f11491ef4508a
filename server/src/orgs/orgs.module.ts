import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatModule } from '../wechat/wechat.module';
import { OrgQrcodeService } from './org-qrcode.service';
import { Org } from './org.entity';
import { OrgsController } from './orgs.controller';
import { OrgsService } from './orgs.service';

/** The union org tree and its join QR codes. */
@Module({
  imports: [TypeOrmModule.forFeature([Org]), WechatModule],
  controllers: [OrgsController],
  providers: [OrgsService, OrgQrcodeService],
  exports: [OrgsService],
})
export class OrgsModule {}
