import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ORG_LEVEL_LABELS } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { EntryRow } from '../../../components/entry-row';
import { RetryCard } from '../../../components/page-states';
import { withQuery } from '../../../routes';
import { currentUser } from '../../../services/auth';
import { fetchSubtree, type OrgNode } from '../../../services/admin';
import { errorMessage } from '../../../utils/error-message';
import { hasAnyRole } from '../../../utils/user-display';
import { useLoggedIn, usePageParams } from '../../../utils/use-session';
import { ADMIN_ROUTES } from '../../admin-routes';
import { NoAccess } from '../../components/no-access';
import { OrgQrcode } from '../../components/org-qrcode';
import { adminOrgCodes } from '../../org-scope';
import { TOOL_ROLES } from '../../staff-roles';
import { OrgCreateForm } from './org-create-form';
import { OrgSettings } from './org-settings';
import '../../staff-layout.scss';
import './index.scss';

export const ORGS_TEXT = {
  loading: '正在加载组织…',
  failed: '加载失败，请检查网络后重试',
  children: '下级组织',
  noChildren: '还没有下级组织',
  create: '新建下级组织',
  staff: '工作人员',
  staffHint: '查看、邀请、撤销本组织的工会干部和驿站站长',
  flags: (o: OrgNode) => [ORG_LEVEL_LABELS[o.level], o.autoApprove && '自动审核', o.catchAll && '兜底', o.isMediationCentre && '调解中心'].filter(Boolean).join(' · '),
};
const T = ORGS_TEXT;

/** 组织管理: browse the subtree the user administers, change an org, add a child, print its join code. */
export default function OrgsPage() {
  const params = usePageParams();
  const loggedIn = useLoggedIn();
  const user = currentUser();
  const allowed = hasAnyRole(user, TOOL_ROLES.orgs);
  // A key, not the array: currentUser() is a fresh object on each render.
  const rootsKey = adminOrgCodes(user).join(',');
  const roots = useMemo(() => (rootsKey ? rootsKey.split(',') : []), [rootsKey]);
  const [nodes, setNodes] = useState<OrgNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(params.code ?? null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      // Nested grants (an officer of a district and of one of its streets) list some orgs twice: keep one.
      const lists = await Promise.all(roots.map(fetchSubtree));
      const byId = new Map(lists.flat().map((o) => [o.id, o]));
      setNodes([...byId.values()].sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code)));
    } catch (err) {
      setError(errorMessage(err, T.failed));
    }
  }, [roots]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  if (!allowed) return <NoAccess loggedIn={loggedIn} />;
  if (!nodes) {
    return (
      <View className='nx-page staff-layout orgs-page' data-testid='orgs-loading'>
        {error ? <RetryCard message={error} onRetry={load} testId='orgs-error' /> : <Text className='nx-text'>{T.loading}</Text>}
      </View>
    );
  }

  const byId = new Map(nodes.map((o) => [o.id, o]));
  const org = nodes.find((o) => o.code === code) ?? nodes[0];
  if (!org) return <NoAccess loggedIn={loggedIn} />;
  const chain: OrgNode[] = [];
  for (let o: OrgNode | undefined = org; o; o = o.parentId ? byId.get(o.parentId) : undefined) chain.unshift(o);
  const children = nodes.filter((o) => o.parentId === org.id);
  const open = (next: OrgNode) => {
    setCreating(false);
    setCode(next.code);
  };
  const replace = (next: OrgNode) => setNodes(nodes.map((o) => (o.id === next.id ? next : o)));

  return (
    <View className='nx-page staff-layout staff-layout--two orgs-page' data-testid='orgs-page'>
      <View className='staff-layout__main'>
        <View className='orgs-page__crumbs' data-testid='orgs-crumbs'>
          {chain.map((o, i) => (
            <Text key={o.id} className={`orgs-page__crumb${i === chain.length - 1 ? ' orgs-page__crumb--here' : ''}`} onClick={() => open(o)} data-testid='orgs-crumb'>
              {o.name}
            </Text>
          ))}
        </View>
        <Text className='nx-title' data-testid='orgs-current'>
          {org.name}
        </Text>
        <Text className='nx-text orgs-page__meta'>{`${org.code} · ${T.flags(org)}`}</Text>
        <Text className='orgs-page__heading'>{T.children}</Text>
        {children.length === 0 ? (
          <Text className='nx-text' data-testid='orgs-no-children'>
            {T.noChildren}
          </Text>
        ) : (
          <View className='orgs-page__list'>
            {children.map((c) => (
              <EntryRow key={c.id} title={c.name} description={`${c.code} · ${T.flags(c)}`} onClick={() => open(c)} testId='orgs-child' />
            ))}
          </View>
        )}
        {creating ? (
          <OrgCreateForm
            parent={org}
            onCreated={(created) => {
              setNodes([...nodes, created]);
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          org.level !== 'enterprise' && (
            <Button fill='outline' onClick={() => setCreating(true)} data-testid='orgs-create'>
              {T.create}
            </Button>
          )
        )}
      </View>
      <View className='staff-layout__side'>
        <OrgSettings org={org} onSaved={replace} />
        <View className='orgs-page__list'>
          <EntryRow title={T.staff} description={T.staffHint} onClick={() => Taro.navigateTo({ url: withQuery(ADMIN_ROUTES.staff, { orgCode: org.code }) })} testId='orgs-staff' />
        </View>
        <OrgQrcode code={org.code} name={org.name} />
      </View>
    </View>
  );
}
