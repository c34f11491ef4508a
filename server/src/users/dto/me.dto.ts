import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@nuanxin/shared';

export class MeRoleDto {
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String }) orgId: string | null;
  @ApiProperty({ nullable: true, type: String }) orgCode: string | null;
  @ApiProperty({ nullable: true, type: String }) orgName: string | null;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) nickname: string | null;
  @ApiProperty({ nullable: true, type: String, example: '138****5678' }) mobileMasked: string | null;
  @ApiProperty({ type: [MeRoleDto] }) roles: MeRoleDto[];
}
