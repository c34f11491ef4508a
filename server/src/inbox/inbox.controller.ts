import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators';
import { IdParam } from '../common/id-param';
import type { InboxMessage } from './inbox-message.entity';
import { InboxService } from './inbox.service';

class InboxMessageDto {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) link: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt: Date | null;

  static of(m: InboxMessage): InboxMessageDto {
    const { id, kind, title, body, link, createdAt, readAt } = m;
    return { id, kind, title, body, link, createdAt, readAt };
  }
}

class InboxDto {
  @ApiProperty() unread: number;
  @ApiProperty({ type: [InboxMessageDto] }) items: InboxMessageDto[];
}

@ApiTags('消息')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: '我的消息（最新 50 条）与未读数' })
  @ApiOkResponse({ type: InboxDto })
  async list(@CurrentUser() user: AuthUser): Promise<InboxDto> {
    const { unread, items } = await this.inbox.list(user.id);
    return { unread, items: items.map(InboxMessageDto.of) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读（只能标自己的消息）' })
  @ApiOkResponse({ type: InboxMessageDto })
  async read(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<InboxMessageDto> {
    return InboxMessageDto.of(await this.inbox.markRead(user.id, id));
  }
}
