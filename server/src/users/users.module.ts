import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeController } from './me.controller';
import { OrgsModule } from '../orgs/orgs.module';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** People and their role grants: who is an officer of which org, who can be reached where. */
@Module({
  imports: [TypeOrmModule.forFeature([User, UserRole]), OrgsModule],
  controllers: [MeController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
