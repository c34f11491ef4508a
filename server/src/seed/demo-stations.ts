import { haversineMeters, SERVICE_CATALOGUE, type HostType, type StationLevel, type WeeklyHours } from '@nuanxin/shared';

/** [name, address, district org code, district name, lat, lng] — GCJ-02, around Xiamen's riders' routes. */
const PLACES: Array<[string, string, string, string, number, number]> = [
  ['中山路工会驿站', '思明区中山路 168 号', 'XM-SM', '思明区', 24.4555, 118.0796],
  ['火车站工会驿站', '思明区厦禾路 900 号', 'XM-SM', '思明区', 24.4686, 118.1156],
  ['莲前街道户外劳动者驿站', '思明区莲前西路 2 号', 'XM-SM', '思明区', 24.481, 118.1525],
  ['嘉莲街道骑手之家', '思明区嘉禾路 25 号', 'XM-SM', '思明区', 24.4866, 118.1247],
  ['软件园一期驿站', '思明区观日路 24 号', 'XM-SM', '思明区', 24.4893, 118.1835],
  ['鼓浪屿轮渡驿站', '思明区鹭江道 6 号', 'XM-SM', '思明区', 24.4487, 118.0696],
  ['筼筜湖畔驿站', '思明区湖滨北路 10 号', 'XM-SM', '思明区', 24.485, 118.097],
  ['曾厝垵爱心驿站', '思明区环岛南路 3 号', 'XM-SM', '思明区', 24.4315, 118.129],
  ['观音山驿站', '思明区环岛东路 1800 号', 'XM-SM', '思明区', 24.497, 118.2],
  ['厦大西村驿站', '思明区思明南路 422 号', 'XM-SM', '思明区', 24.438, 118.097],
  ['万象城快递小哥驿站', '思明区湖滨东路 99 号', 'XM-SM', '思明区', 24.479, 118.114],
  ['湖里万达工会驿站', '湖里区仙岳路 4666 号', 'XM-HL', '湖里区', 24.5072, 118.176],
  ['五缘湾驿站', '湖里区环岛东路 2000 号', 'XM-HL', '湖里区', 24.5215, 118.172],
  ['SM 城市广场驿站', '湖里区嘉禾路 468 号', 'XM-HL', '湖里区', 24.501, 118.132],
  ['高崎机场货运区驿站', '湖里区高崎南五路 1 号', 'XM-HL', '湖里区', 24.535, 118.139],
  ['禾山街道户外劳动者驿站', '湖里区金尚路 888 号', 'XM-HL', '湖里区', 24.507, 118.155],
  ['殿前加油站驿站', '湖里区兴湖路 58 号', 'XM-HL', '湖里区', 24.522, 118.103],
  ['湖里创新园驿站', '湖里区安岭路 1001 号', 'XM-HL', '湖里区', 24.518, 118.147],
  ['东渡码头驿站', '湖里区东港北路 31 号', 'XM-HL', '湖里区', 24.49, 118.083],
  ['会展中心驿站', '湖里区会展路 198 号', 'XM-HL', '湖里区', 24.493, 118.19],
  ['集美学村驿站', '集美区嘉庚路 185 号', 'XM-JM', '集美区', 24.577, 118.104],
  ['杏林街道骑手驿站', '集美区杏林南路 52 号', 'XM-JM', '集美区', 24.556, 118.048],
  ['软件园三期驿站', '集美区诚毅北大街 62 号', 'XM-JM', '集美区', 24.62, 118.058],
  ['集美新城驿站', '集美区杏林湾路 478 号', 'XM-JM', '集美区', 24.6, 118.09],
  ['灌口镇驿站', '集美区灌口中路 1 号', 'XM-JM', '集美区', 24.603, 117.996],
  ['后溪镇驿站', '集美区后溪镇岩内路 2 号', 'XM-JM', '集美区', 24.628, 118.045],
  ['海沧湾公园驿站', '海沧区滨湖北路 1 号', 'XM-HC', '海沧区', 24.484, 118.038],
  ['新阳街道驿站', '海沧区新阳路 1288 号', 'XM-HC', '海沧区', 24.529, 118.03],
  ['东孚街道驿站', '海沧区东孚大道 88 号', 'XM-HC', '海沧区', 24.557, 117.978],
  ['嵩屿码头驿站', '海沧区嵩屿南二路 99 号', 'XM-HC', '海沧区', 24.448, 118.035],
  ['马銮湾驿站', '海沧区马銮湾大道 2 号', 'XM-HC', '海沧区', 24.533, 118.012],
  ['同安城区工会驿站', '同安区环城南路 168 号', 'XM-TA', '同安区', 24.724, 118.153],
  ['西柯街道驿站', '同安区西柯街 50 号', 'XM-TA', '同安区', 24.678, 118.14],
  ['祥平街道驿站', '同安区祥平路 88 号', 'XM-TA', '同安区', 24.715, 118.138],
  ['五显镇驿站', '同安区五显镇 324 国道旁', 'XM-TA', '同安区', 24.775, 118.195],
  ['新民镇驿站', '同安区新民大道 3 号', 'XM-TA', '同安区', 24.661, 118.1],
  ['翔安新城驿站', '翔安区翔安南路 999 号', 'XM-XA', '翔安区', 24.624, 118.248],
  ['马巷街道驿站', '翔安区马巷镇舫阳路 12 号', 'XM-XA', '翔安区', 24.652, 118.242],
  ['新店镇驿站', '翔安区新店镇民安大道 2 号', 'XM-XA', '翔安区', 24.611, 118.266],
  ['内厝镇驿站', '翔安区内厝镇内厝路 6 号', 'XM-XA', '翔安区', 24.695, 118.287],
  ['大嶝街道驿站', '翔安区大嶝街道双沪路 1 号', 'XM-XA', '翔安区', 24.554, 118.323],
  ['翔安机场片区驿站', '翔安区机场大道 1 号', 'XM-XA', '翔安区', 24.579, 118.35],
];

const HOSTS: HostType[] = ['community_centre', 'bank', 'petrol_station', 'enterprise', 'government', 'community_centre', 'other'];
const BASICS = ['rest_seats', 'water_hot', 'phone_charging', 'toilet'];
const day = (open: string, close: string): WeeklyHours => ({ alwaysOpen: false, days: Array.from({ length: 7 }, () => [{ open, close }]) });
const HOURS: WeeklyHours[] = [
  { alwaysOpen: true, days: Array.from({ length: 7 }, () => []) },
  day('08:00', '20:00'),
  day('07:00', '22:00'),
  day('18:00', '02:00'),
  { alwaysOpen: false, days: [...Array.from({ length: 5 }, () => [{ open: '09:00', close: '17:30' }]), [], []] },
];

export interface DemoStation {
  code: string;
  name: string;
  address: string;
  district: string;
  orgCode: string;
  lat: number;
  lng: number;
  level: StationLevel;
  hostType: HostType;
  phone: string;
  hours: WeeklyHours;
  services: string[];
  /** 总站 per district; its 分站 hang under it, each 站点 under the nearest 分站 of its district (else the 总站). */
  parentCode: string | null;
}

/** 42 stations across Xiamen's six districts; the first of each district is its hub. Deterministic. */
export function demoStations(): DemoStation[] {
  const firstOf = new Set<string>();
  const list = PLACES.map(([name, address, orgCode, district, lat, lng], i): DemoStation => {
    const hub = !firstOf.has(orgCode);
    firstOf.add(orgCode);
    // A fixed pseudo-random pick of extra services per station (same every run).
    const extras = SERVICE_CATALOGUE.map((s) => s.code).filter((c, j) => !BASICS.includes(c) && (i * 7 + j * 13) % 5 < 2);
    return {
      code: `ST-${orgCode.slice(3)}-${String(i + 1).padStart(2, '0')}`,
      name,
      address,
      district,
      orgCode,
      lat,
      lng,
      level: hub ? 'hub' : i % 3 === 0 ? 'branch' : 'point',
      hostType: hub ? 'community_centre' : HOSTS[i % HOSTS.length],
      phone: `0592-${String(5100000 + i * 137).slice(0, 7)}`,
      hours: hub ? HOURS[0] : HOURS[(i % (HOURS.length - 1)) + 1],
      services: [...BASICS.filter((_, k) => hub || (i + k) % 4 !== 3), ...extras],
      parentCode: null,
    };
  });
  for (const s of list) {
    if (s.level === 'hub') continue;
    const sameDistrict = list.filter((o) => o.orgCode === s.orgCode);
    const hub = sameDistrict.find((o) => o.level === 'hub')!;
    const branches = s.level === 'point' ? sameDistrict.filter((o) => o.level === 'branch') : [];
    const nearest = branches.sort((a, b) => haversineMeters(s.lat, s.lng, a.lat, a.lng) - haversineMeters(s.lat, s.lng, b.lat, b.lng))[0];
    s.parentCode = (nearest ?? hub).code;
  }
  return list;
}
