import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_CAPACITY, EVENT_KINDS, HOST_TYPES, NEARBY_LIMITS, SERVICE_CODES, STATION_LEVELS, type EventKind, type HostType, type StationLevel } from '@nuanxin/shared';
import { IsOrgCode } from '../../common/validators';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** `?q=` or `?q=%20` from a cleared search box means no keyword, not a bad one. */
const blankToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class NearbyQuery {
  @ApiProperty({ example: 24.4798, description: 'GCJ-02 纬度（仅用于本次查询，不保存）' })
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '请提供有效的纬度' })
  lat: number;

  @ApiProperty({ example: 118.0894 })
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '请提供有效的经度' })
  lng: number;

  @ApiPropertyOptional({ default: NEARBY_LIMITS.defaultLimit, maximum: NEARBY_LIMITS.maxLimit })
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: '数量应为整数' })
  @Min(1, { message: '数量至少为 1' })
  @Max(NEARBY_LIMITS.maxLimit, { message: `一次最多 ${NEARBY_LIMITS.maxLimit} 个` })
  limit?: number;

  @ApiPropertyOptional({ default: NEARBY_LIMITS.defaultRadiusKm, maximum: NEARBY_LIMITS.maxRadiusKm })
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '范围应为数字（公里）' })
  @Min(0.1, { message: '范围至少 0.1 公里' })
  @Max(NEARBY_LIMITS.maxRadiusKm, { message: `范围最多 ${NEARBY_LIMITS.maxRadiusKm} 公里` })
  radiusKm?: number;

  @ApiPropertyOptional({ description: '逗号分隔的服务编码，须全部具备', example: 'water_hot,phone_charging' })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: '服务应为逗号分隔的编码' })
  @ArrayMaxSize(10, { message: '最多筛选 10 项服务' })
  @IsIn(SERVICE_CODES, { each: true, message: '服务编码不存在' })
  services?: string[];

  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean({ message: 'openNow 应为 true 或 false' }) openNow?: boolean;

  /**
   * The nearby list is the hottest route: well-formed queries skip class-validator (about a tenth of the request's
   * CPU). Accepts only what the decorators above accept, with the same values (test/stations-nearby-query.test.ts);
   * anything else goes to the decorators, which word the errors.
   */
  static fastParse(raw: unknown): NearbyQuery | undefined {
    if (!raw || typeof raw !== 'object') return undefined;
    const q = raw as Record<string, unknown>;
    const out = new NearbyQuery();
    for (const key in q) {
      const v = q[key];
      if (typeof v !== 'string' || v === '' || !NUMBER_OR_WORD.test(v)) return undefined;
      switch (key) {
        case 'lat':
        case 'lng':
        case 'radiusKm': {
          const n = Number(v);
          if (!Number.isFinite(n)) return undefined;
          if (key === 'radiusKm' && (n < 0.1 || n > NEARBY_LIMITS.maxRadiusKm)) return undefined;
          out[key] = n;
          break;
        }
        case 'limit': {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1 || n > NEARBY_LIMITS.maxLimit) return undefined;
          out.limit = n;
          break;
        }
        case 'services': {
          const list = v.split(',').map((s) => s.trim()).filter(Boolean);
          if (list.length > 10 || !list.every((c) => SERVICE_CODE_SET.has(c))) return undefined;
          out.services = list;
          break;
        }
        case 'openNow':
          if (v === 'true' || v === '1') out.openNow = true;
          else if (v === 'false' || v === '0') out.openNow = false;
          else return undefined;
          break;
        default:
          return undefined;
      }
    }
    return out.lat === undefined || out.lng === undefined ? undefined : out;
  }
}
/** Plain decimal numbers, booleans and comma lists of codes: anything else is left to the decorators. */
const NUMBER_OR_WORD = /^[0-9A-Za-z_.,+-]{1,400}$/;
const SERVICE_CODE_SET = new Set<string>(SERVICE_CODES);

export class SearchQuery {
  @ApiPropertyOptional({ description: '名称或地址关键词（空白等于不填）' }) @Transform(blankToUndefined) @IsOptional() @IsString() @Length(1, 50, { message: '关键词应为 1–50 个字' }) q?: string;
  @ApiPropertyOptional({ example: '思明区' }) @IsOptional() @IsString() @Length(1, 20, { message: '区名不正确' }) district?: string;
  @ApiPropertyOptional({ description: '上一页最后一个驿站编码' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '分页游标不正确' }) after?: string;
}

export class ManageQuery {
  @ApiPropertyOptional({ description: '名称或地址关键词（空白等于不填）' }) @Transform(blankToUndefined) @IsOptional() @IsString() @Length(1, 50, { message: '关键词应为 1–50 个字' }) q?: string;
  @ApiPropertyOptional({ description: '上一页最后一个驿站编码' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '分页游标不正确' }) after?: string;
}

export class TimeRangeDto {
  @ApiProperty({ example: '08:00' }) @IsString() open: string;
  @ApiProperty({ example: '20:00' }) @IsString() close: string;
}

export class WeeklyHoursDto {
  @ApiProperty() @IsBoolean({ message: '请说明是否 24 小时开放' }) alwaysOpen: boolean;
  @ApiProperty({ description: '周一至周日，每天 0–4 个时段；结束早于开始表示跨夜', type: 'array', items: { type: 'array', items: { $ref: '#/components/schemas/TimeRangeDto' } } })
  @IsArray({ message: '请按周一至周日填写' })
  days: TimeRangeDto[][];
}

export class ClosureDto {
  @ApiProperty() @IsDateString({ strict: true }, { message: '开始时间格式不正确' }) from: string;
  @ApiProperty() @IsDateString({ strict: true }, { message: '结束时间格式不正确' }) to: string;
  @ApiProperty({ example: '设备检修' }) @IsString() @Length(2, 50, { message: '原因应为 2–50 个字' }) reason: string;
}

export class UpdateStationDto {
  @ApiPropertyOptional({ enum: ['open', 'suspended'] }) @IsOptional() @IsIn(['open', 'suspended'], { message: '状态不正确' }) status?: 'open' | 'suspended';
  @ApiPropertyOptional({ type: WeeklyHoursDto }) @IsOptional() @IsObject({ message: '开放时间格式不正确' }) hours?: WeeklyHoursDto;
  @ApiPropertyOptional({ type: [ClosureDto] })
  @IsOptional()
  @IsArray({ message: '临时闭站应为列表' })
  @ArrayMaxSize(20, { message: '临时闭站最多 20 条' })
  @ValidateNested({ each: true })
  @Type(() => ClosureDto)
  closures?: ClosureDto[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '服务应为列表' })
  @ArrayMaxSize(SERVICE_CODES.length)
  @IsIn(SERVICE_CODES, { each: true, message: '服务编码不存在' })
  services?: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9-]{7,20}$/, { message: '电话格式不正确' }) phone?: string;
}

/** `POST /api/stations`: one station from the staff form (the CSV import stays for bulk). */
export class CreateStationDto {
  @ApiPropertyOptional({ example: 'XM-SM-001', description: '驿站编码；留空由系统生成' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '编码应为 1–32 位字母、数字、_ 或 -' })
  code?: string;
  @ApiProperty({ example: '中山路工会驿站' }) @IsString({ message: '请填写驿站名称' }) @Length(2, 100, { message: '名称应为 2–100 个字' }) name: string;
  @ApiProperty({ example: '思明区中山路 1 号' }) @IsString({ message: '请填写地址' }) @Length(2, 200, { message: '地址应为 2–200 个字' }) address: string;
  @ApiProperty({ example: '思明区' }) @IsString({ message: '请填写所在区' }) @Length(2, 20, { message: '请填写所在区' }) district: string;
  @ApiProperty({ example: 24.4551, description: 'GCJ-02 纬度（高德、微信地图的坐标系），最多 6 位小数' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 }, { message: '纬度应为数字，最多 6 位小数' })
  lat: number;
  @ApiProperty({ example: 118.0826, description: 'GCJ-02 经度' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 }, { message: '经度应为数字，最多 6 位小数' })
  lng: number;
  @ApiProperty({ enum: STATION_LEVELS.map((l) => l.code) }) @IsIn(STATION_LEVELS.map((l) => l.code), { message: '级别应为总站、分站或站点' }) level: StationLevel;
  @ApiPropertyOptional({ description: '上级驿站编码（级别须高于本站）' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '上级驿站编码不正确' })
  parentCode?: string;
  @ApiProperty({ enum: HOST_TYPES.map((h) => h.code) }) @IsIn(HOST_TYPES.map((h) => h.code), { message: '请选择依托单位类型' }) hostType: HostType;
  @ApiProperty({ example: 'XM-SM', description: '负责本站的工会组织编码（工会干部：本组织子树内）' }) @IsOrgCode() orgCode: string;
  @ApiProperty({ type: WeeklyHoursDto }) @IsObject({ message: '请填写开放时间' }) hours: WeeklyHoursDto;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '服务应为列表' })
  @ArrayMaxSize(SERVICE_CODES.length)
  @IsIn(SERVICE_CODES, { each: true, message: '服务编码不存在' })
  services?: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9-]{7,20}$/, { message: '电话格式不正确' }) phone?: string;
}

const CAPACITY_MESSAGE = `名额应为 ${EVENT_CAPACITY.min}–${EVENT_CAPACITY.max} 人`;

export class EventDto {
  @ApiProperty() @IsString() @Length(2, 100, { message: '活动名称应为 2–100 个字' }) title: string;
  @ApiProperty({ enum: EVENT_KINDS.map((k) => k.code) }) @IsIn(EVENT_KINDS.map((k) => k.code), { message: '活动类型不正确' }) kind: EventKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500, { message: '活动介绍最多 500 字' }) description?: string;
  @ApiProperty() @IsDateString({ strict: true }, { message: '开始时间格式不正确' }) startsAt: string;
  @ApiProperty() @IsDateString({ strict: true }, { message: '结束时间格式不正确' }) endsAt: string;
  @ApiProperty({ minimum: EVENT_CAPACITY.min, maximum: EVENT_CAPACITY.max })
  @IsInt({ message: '名额应为整数' })
  @Min(EVENT_CAPACITY.min, { message: CAPACITY_MESSAGE })
  @Max(EVENT_CAPACITY.max, { message: CAPACITY_MESSAGE })
  capacity: number;
}

export class RateStationDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt({ message: '评分应为 1–5 的整数' }) @Min(1, { message: '评分应为 1–5' }) @Max(5, { message: '评分应为 1–5' }) score: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300, { message: '评价最多 300 字' }) comment?: string;
}

export class ImportDto {
  @ApiProperty({ description: 'CSV（RFC 4180，含逗号的内容用英文双引号括起来）：code,name,address,district,lat,lng,level,hostType,phone,orgCode,services(以|分隔),hours(如 24h 或 08:00-20:00),parentCode(可选)。已有编码只更新文件中出现的列；新驿站须有 name,address,district,lat,lng,level,hostType,orgCode,hours' })
  @IsString({ message: '请提供 CSV 内容' })
  @Length(10, 2_000_000, { message: 'CSV 内容为空或过大' })
  csv: string;
}

export const LEVEL_CODES = STATION_LEVELS.map((l) => l.code);
export const HOST_CODES = HOST_TYPES.map((h) => h.code);
