import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Role } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { currentUser, fetchMe, type Me } from '../../../services/auth';
import { roleLine, staffRoles } from '../../../utils/user-display';
import './index.scss';

const TEXT = {
  rolesTitle: '你的工作身份',
  toolsTitle: '即将上线的工具',
  toolsHint: '以下工具正在开发中，上线后会出现在这里。',
  noAccess: '这里是工会工作人员、驿站站长和商户的工作台。你的账号目前没有工作身份，如有需要请联系所在工会。',
  login: '去登录',
};

/** Which tools each staff role will get; nothing here is clickable until it exists. */
const COMING_TOOLS: Partial<Record<Role, string[]>> = {
  officer: ['入会审批：审核本组织的入会申请，通过或说明驳回理由', '诉求办理：接收、调解、转办职工诉求并记录结果', '微心愿审核：审核心愿后发布到心愿墙'],
  station_master: ['驿站维护：更新开放状态、开放时间和服务项目', '驿站活动：发布活动并查看报名'],
  merchant: ['优惠核销：扫描会员出示的券码，核销一次'],
  admin: ['组织管理：维护工会组织树和入会二维码', '工作日历与优惠活动管理'],
};

export default function StaffHomePage() {
  const [user, setUser] = useState<Me | null>(() => currentUser());

  useDidShow(() => {
    if (currentUser()) fetchMe().then(setUser, () => setUser(currentUser()));
    else setUser(null);
  });

  const roles = staffRoles(user);
  const tools = Array.from(new Set(roles.flatMap((r) => COMING_TOOLS[r.role] ?? [])));

  if (roles.length === 0) {
    return (
      <View className='nx-page' data-testid='staff-no-access'>
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
    <View className='nx-page staff-home' data-testid='staff-home'>
      <View className='nx-card'>
        <Text className='staff-home__heading'>{TEXT.rolesTitle}</Text>
        {roles.map((r) => (
          <Text key={`${r.role}:${r.orgId ?? ''}`} className='staff-home__role'>
            {roleLine(r)}
          </Text>
        ))}
      </View>
      <View className='nx-card'>
        <Text className='staff-home__heading'>{TEXT.toolsTitle}</Text>
        <Text className='nx-text'>{TEXT.toolsHint}</Text>
        {tools.map((tool) => (
          <Text key={tool} className='staff-home__tool'>
            {tool}
          </Text>
        ))}
      </View>
    </View>
  );
}
