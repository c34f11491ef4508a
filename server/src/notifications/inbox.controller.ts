import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
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
  @ApiProperty({ nullable: true, type: String, description: '下一页的游标；没有更多时为 null' }) nextCursor: string | null;
}

class InboxQuery {
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional() @IsString({ message: '分页游标不正确' }) @MaxLength(200, { message: '分页游标不正确' })
  cursor?: string;
}

class UnreadDto {
  @ApiProperty() unread: number;
}

@ApiTags('消息')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: '我的消息：最新在前，每页 20 条，带未读数；nextCursor 翻页' })
  @ApiOkResponse({ type: InboxDto })
  async list(@CurrentUser() user: AuthUser, @Query() q: InboxQuery): Promise<InboxDto> {
    const { unread, items, nextCursor } = await this.inbox.list(user.id, q.cursor);
    return { unread, items: items.map(InboxMessageDto.of), nextCursor };
  }

  @Get('unread-count')
  @ApiOperation({ summary: '未读消息数（「我的」角标）' })
  @ApiOkResponse({ type: UnreadDto })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadDto> {
    return { unread: await this.inbox.unreadCount(user.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部已读' })
  @ApiOkResponse({ type: UnreadDto })
  async readAll(@CurrentUser() user: AuthUser): Promise<UnreadDto> {
    await this.inbox.markAllRead(user.id);
    return { unread: await this.inbox.unreadCount(user.id) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读（只能标自己的消息）' })
  @ApiOkResponse({ type: InboxMessageDto })
  async read(@CurrentUser() user: AuthUser, @Param('id', IdParam()) id: string): Promise<InboxMessageDto> {
    return InboxMessageDto.of(await this.inbox.markRead(user.id, id));
  }
}
