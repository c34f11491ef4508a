import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Role } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { EntryRow } from '../../../components/entry-row';
import { currentUser, fetchMe, type Me } from '../../../services/auth';
import { ROUTES } from '../../../routes';
import { hasAnyRole, roleLine, staffRoles } from '../../../utils/user-display';
import { ADMIN_ROUTES } from '../../admin-routes';
import { TOOL_ROLES } from '../../staff-roles';
import { CLAIM_ROUTES } from '../../../pages/claims/claim-routes';
import { CLAIM_STAFF_ROLES } from '../claims/claim-staff-roles';
import { LEDGER_ROLES } from '../ledger/ledger-roles';
import { STATION_ROUTES } from '../../../components/station-routes';
import { STATION_TOOL_ROLES } from '../station/station-roles';
import { WISH_ROUTES } from '../../../components/wish-routes';
import { fetchScreening, fetchStationWishes } from '../../../services/wishes';
import { BENEFIT_ROUTES } from '../../../components/benefit-routes';
import { useLoadOnShow } from '../../../utils/use-page-visible';
import '../../staff-layout.scss';
import './index.scss';

const TEXT = {
  rolesTitle: '你的工作身份',
  toolsTitle: '即将上线的工具',
  toolsHint: '以下工具正在开发中，上线后会出现在这里。',
  noAccess: '这里是工会工作人员、驿站站长和商户的工作台。你的账号目前没有工作身份，如有需要请联系所在工会。',
  login: '去登录',
  waiting: (n: string) => `${n} 件待审核`,
  handover: (n: number) => `${n} 件待交接`,
};

/** The tools that exist, shown to the roles that may use them (the server checks again). */
const LIVE_TOOLS: Array<{ title: string; description: string; url: string; roles: readonly Role[]; testId: string }> = [
  { title: '诉求办理', description: '受理、答复、上报、转交、办结职工诉求', url: CLAIM_ROUTES.staffQueue, roles: CLAIM_STAFF_ROLES, testId: 'staff-tool-claims' },
  { title: '诉求台账', description: '按时段、状态、类别、层级、工会、超期、满意度查看诉求，导出 Excel', url: CLAIM_ROUTES.staffLedger, roles: LEDGER_ROLES, testId: 'staff-tool-ledger' },
  { title: '数据看板', description: '受理、及时率、调解成功率、追回金额、满意率，按类别和月份', url: CLAIM_ROUTES.staffDashboard, roles: LEDGER_ROLES, testId: 'staff-tool-dashboard' },
  { title: '入会审批', description: '审核本组织及下级的入会、转移申请', url: ROUTES.staffApplications, roles: TOOL_ROLES.applications, testId: 'staff-tool-applications' },
  { title: '会员核验', description: '扫描会员出示的会员码，确认会员身份', url: ROUTES.staffVerify, roles: TOOL_ROLES.verify, testId: 'staff-tool-verify' },
  { title: '入会时效', description: '待审核、今日已处理、审核用时与超时', url: ROUTES.staffStats, roles: TOOL_ROLES.stats, testId: 'staff-tool-stats' },
  { title: '驿站维护', description: '营业状态、临时闭站、开放时间、服务项目', url: STATION_ROUTES.staffStation, roles: STATION_TOOL_ROLES, testId: 'staff-tool-station' },
  { title: '活动管理', description: '发布和取消驿站活动', url: STATION_ROUTES.staffEvents, roles: STATION_TOOL_ROLES, testId: 'staff-tool-station-events' },
  { title: '微心愿审核', description: '审核会员的心愿，去掉个人信息后发布到心愿墙', url: WISH_ROUTES.staffScreening, roles: TOOL_ROLES.wishScreening, testId: 'staff-tool-wish-screening' },
  { title: '心愿设置与统计', description: '心愿价值上限、每年可发数，提交、上墙、认领、圆梦数与用时', url: WISH_ROUTES.staffSettings, roles: TOOL_ROLES.wishSettings, testId: 'staff-tool-wish-settings' },
  { title: '心愿交接', description: '签收爱心人士送来的礼物，核验会员码后交给心愿人', url: WISH_ROUTES.staffHandover, roles: TOOL_ROLES.wishHandover, testId: 'staff-tool-wish-handover' },
  { title: '组织管理', description: '组织树、下级组织、自动审核与调解设置、入会二维码', url: ADMIN_ROUTES.orgs, roles: TOOL_ROLES.orgs, testId: 'staff-tool-orgs' },
  { title: '工作人员', description: '按手机号邀请工会干部、驿站站长，撤销授权', url: ADMIN_ROUTES.staff, roles: TOOL_ROLES.staff, testId: 'staff-tool-staff' },
  { title: '新建驿站', description: '填写地址、在地图上选点，指定站长', url: ADMIN_ROUTES.stationNew, roles: TOOL_ROLES.stationNew, testId: 'staff-tool-station-new' },
  { title: '导入组织架构', description: 'CSV 批量新建或更新组织，先检查再导入', url: ADMIN_ROUTES.orgImport, roles: TOOL_ROLES.orgImport, testId: 'staff-tool-org-import' },
  { title: '审计日志', description: '授权、撤销、查看和导出个人信息等操作记录', url: ADMIN_ROUTES.audit, roles: TOOL_ROLES.audit, testId: 'staff-tool-audit' },
  { title: '优惠核销', description: '扫描或输入会员的券码，输入订单金额后核销；10 分钟内可撤销', url: BENEFIT_ROUTES.staffRedeem, roles: TOOL_ROLES.redeem, testId: 'staff-tool-redeem' },
  { title: '优惠活动', description: '发放会员消费券：券包、库存、限领、开抢时间、适用商户；审批商户的优惠', url: BENEFIT_ROUTES.staffCampaigns, roles: TOOL_ROLES.campaigns, testId: 'staff-tool-campaigns' },
  { title: '优惠结算', description: '按商户和月份汇总核销笔数、订单金额和工会应付金额，可下载 Excel', url: BENEFIT_ROUTES.staffSettlement, roles: TOOL_ROLES.settlement, testId: 'staff-tool-settlement' },
];

/** The screening queue's first page says how many wait (20+ when there is a next page); no retries, the next show asks again. */
async function screeningCount(): Promise<string> {
  const page = await fetchScreening(null, { retries: 0 });
  return page.nextCursor ? `${page.items.length}+` : String(page.items.length);
}

/** Wishes at the master's stations that wait for them: delivered (to sign for) or signed for (to hand over on the card). */
async function handoverCount(): Promise<number> {
  const list = await fetchStationWishes({ retries: 0 });
  return list.filter((w) => w.status === 'delivered' || w.status === 'received').length;
}

/** Which tools each staff role will get; nothing here is clickable until it exists. */
const COMING_TOOLS: Partial<Record<Role, string[]>> = {
  admin: ['工作日历'],
};

export default function StaffHomePage() {
  const [user, setUser] = useState<Me | null>(() => currentUser());
  const [screening, setScreening] = useState<string | null>(null);
  const [handover, setHandover] = useState<number | null>(null);

  useDidShow(() => {
    if (currentUser()) fetchMe().then(setUser, () => setUser(currentUser()));
    else setUser(null);
  });
  useLoadOnShow(() => {
    if (hasAnyRole(currentUser(), TOOL_ROLES.wishScreening)) screeningCount().then(setScreening, () => undefined);
    if (hasAnyRole(currentUser(), TOOL_ROLES.wishHandover)) handoverCount().then(setHandover, () => undefined);
  });

  // the workbench's counts: 待审核心愿 for officers, 待交接 at the master's stations (the description otherwise)
  const countLine = (url: string) => {
    if (url === WISH_ROUTES.staffScreening && screening !== null) return TEXT.waiting(screening);
    if (url === WISH_ROUTES.staffHandover && handover !== null) return TEXT.handover(handover);
    return null;
  };
  const roles = staffRoles(user);
  const live = LIVE_TOOLS.filter((t) => hasAnyRole(user, t.roles));
  const tools = Array.from(new Set(roles.flatMap((r) => COMING_TOOLS[r.role] ?? [])));

  if (roles.length === 0) {
    return (
      <View className='nx-page staff-layout' data-testid='staff-no-access'>
        <View className='nx-card'>
          <Text className='nx-text'>{TEXT.noAccess}</Text>
        </View>
        {!user && (
          <View className='nx-bottom-actions'>
            <Button className='nx-big-button' type='primary' onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}>
              {TEXT.login}
            </Button>
          </View>
        )}
      </View>
    );
  }

  return (
    <View className='nx-page staff-layout staff-home' data-testid='staff-home'>
      <View className='nx-card'>
        <Text className='staff-home__heading'>{TEXT.rolesTitle}</Text>
        {roles.map((r) => (
          <Text key={`${r.role}:${r.orgId ?? ''}`} className='staff-home__role'>
            {roleLine(r)}
          </Text>
        ))}
      </View>
      {live.length > 0 && (
        <View className='staff-home__tools'>
          {live.map((t) => (
            <EntryRow
              key={t.url}
              title={t.title}
              description={countLine(t.url) ?? t.description}
              onClick={() => Taro.navigateTo({ url: t.url })}
              testId={t.testId}
            />
          ))}
        </View>
      )}
      {tools.length > 0 && (
        <View className='nx-card' data-testid='staff-coming-tools'>
          <Text className='staff-home__heading'>{TEXT.toolsTitle}</Text>
          <Text className='nx-text'>{TEXT.toolsHint}</Text>
          {tools.map((tool) => (
            <Text key={tool} className='staff-home__tool'>
              {tool}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
