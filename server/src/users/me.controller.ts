import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeDto } from './dto/me.dto';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { UsersService } from './users.service';

@ApiTags('我的')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '当前用户（手机号脱敏）、角色与所属组织' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    const me = await this.users.me(user.id);
    if (!me) throw new DomainError(401, 'TOKEN_INVALID');
    return me;
  }
}
