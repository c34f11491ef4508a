import { ApiProperty } from '@nestjs/swagger';

export class ExportProgressDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['pending', 'running', 'done', 'failed'], description: '排队中 / 导出中 / 已完成 / 失败' }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: '共多少行（开始导出后可知）' }) rowsTotal: number | null;
  @ApiProperty({ description: '已写入行数' }) rowsDone: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: String, description: '下载链接（已完成时；签名，10 分钟内有效，无需登录）' }) downloadUrl: string | null;
  @ApiProperty({ nullable: true, type: Date }) downloadExpiresAt: Date | null;
}
