import { useCallback, useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { OrgPicker } from '../../components/org-picker';
import { Button } from '../../components/ui';
import { fetchSubtree, type OrgNode } from '../../services/admin';
import type { OrgCard } from '../../services/memberships';
import './subtree-org-filter.scss';

export const SUBTREE_ORG_TEXT = {
  placeholder: '输入工会名称或编码，在下级中搜索',
  hint: (n: number) => `共 ${n} 个工会（含下级），输入名称中的几个字即可找到`,
  empty: (q: string) => `你管理的工会中没有名称或编码包含“${q}”的，请换个关键词`,
  all: '全部下级',
  clear: '改为全部',
};

/** Rows a search shows: the few that match best are enough to pick from. */
const SHOWN = 20;

export interface SubtreeOrgFilterProps {
  /** The org the caller serves (their subtree's root); null: no filter. */
  rootCode: string | null;
  /** The chosen org's code; null = the whole subtree. */
  value: string | null;
  onChange: (code: string | null) => void;
  label: string;
  /** Root test id; the picker is `${testId}-picker`, the chosen org `${testId}-chosen`, the clear button `${testId}-clear`. */
  testId: string;
  /** Class of the label (the page's own). */
  labelClassName?: string;
  /** Class of the root (the page's group spacing). */
  className?: string;
}

/**
 * The org filter of the ledger and the dashboard: a search box over the caller's own org subtree (read once from
 * `GET /api/orgs/:code/subtree`, which the server scopes; the ledger and dashboard check the org again), instead of a
 * chip for every org — a district or the city has hundreds. Shows nothing while the subtree has a single org.
 */
export function SubtreeOrgFilter({ rootCode, value, onChange, label, testId, labelClassName, className }: SubtreeOrgFilterProps) {
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  useEffect(() => {
    if (!rootCode) return;
    fetchSubtree(rootCode).then((list) => setOrgs(list.filter((o) => o.active)), () => setOrgs([]));
  }, [rootCode]);
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const search = useCallback(
    async (q: string): Promise<OrgCard[]> => {
      const k = q.toLowerCase();
      return orgs
        .filter((o) => o.name.toLowerCase().includes(k) || o.code.toLowerCase().includes(k))
        .slice(0, SHOWN)
        .map((o) => ({ code: o.code, name: o.name, level: o.level, parentName: (o.parentId && byId.get(o.parentId)?.name) || null, autoApprove: o.autoApprove }));
    },
    [orgs, byId],
  );
  if (orgs.length < 2) return null;
  const chosen = value ? orgs.find((o) => o.code === value) : null;
  return (
    <View className={['subtree-org-filter', className].filter(Boolean).join(' ')} data-testid={testId}>
      <Text className={labelClassName}>{label}</Text>
      {value ? (
        <View className='subtree-org-filter__chosen'>
          <Text className='subtree-org-filter__name' data-testid={`${testId}-chosen`}>
            {chosen?.name ?? value}
          </Text>
          <Button size='small' fill='outline' onClick={() => onChange(null)} data-testid={`${testId}-clear`}>
            {SUBTREE_ORG_TEXT.clear}
          </Button>
        </View>
      ) : (
        <>
          <Text className='subtree-org-filter__all'>{SUBTREE_ORG_TEXT.all}</Text>
          <OrgPicker
            testId={`${testId}-picker`}
            search={search}
            debounceMs={0}
            placeholder={SUBTREE_ORG_TEXT.placeholder}
            hint={SUBTREE_ORG_TEXT.hint(orgs.length)}
            emptyText={SUBTREE_ORG_TEXT.empty}
            onPick={(o) => onChange(o.code)}
          />
        </>
      )}
    </View>
  );
}
