import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { OrgCard as Org } from '../services/memberships';
import './org-card.scss';

const TEXT = {
  autoApprove: '自动审核，提交即发卡',
  manual: '由工会干部审核，通常 30 分钟内出结果',
  parent: (name: string) => `上级：${name}`,
};

/** Name, parent and how the org decides; `action` sits on the right (e.g. 更换). */
export function OrgCard({ org, action, testId }: { org: Org; action?: ReactNode; testId: string }) {
  return (
    <View className='nx-card org-card' data-testid={testId}>
      <View className='org-card__head'>
        <Text className='org-card__name' data-testid={`${testId}-name`}>
          {org.name}
        </Text>
        {action}
      </View>
      {org.parentName && <Text className='org-card__parent'>{TEXT.parent(org.parentName)}</Text>}
      <Text className={`org-card__mode${org.autoApprove ? ' org-card__mode--auto' : ''}`} data-testid={`${testId}-mode`}>
        {org.autoApprove ? TEXT.autoApprove : TEXT.manual}
      </Text>
    </View>
  );
}
