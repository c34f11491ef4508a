import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ORG_LEVEL_LABELS, type OrgLevel } from '@nuanxin/shared';
import { ApiError } from '../services/http';
import { searchOrgs, type OrgCard } from '../services/memberships';
import { Button, Input } from './ui';
import './org-picker.scss';

/** What `onPick` receives: the public fields of one active org. */
export interface PickedOrg {
  code: string;
  name: string;
  level: string;
  parentName: string | null;
}

export interface OrgPickerProps {
  /** Only orgs of this level (e.g. `enterprise` for joining). */
  level?: OrgLevel;
  /** Only orgs a claim accepts as the employer union: no district catch-all union, no mediation centre. */
  employer?: boolean;
  onPick: (org: PickedOrg) => void;
  /** Root test id; rows are `${testId}-item-${code}`, states `${testId}-empty` / `-error` / `-loading`. */
  testId: string;
  placeholder?: string;
  /** Shown before anything is typed (default: the join page's hint). */
  hint?: string;
  /** Shown when nothing matches; a function receives the trimmed keyword (default: the join page's text). */
  emptyText?: string | ((q: string) => string);
  /** Rows per search, 1–50 (default 20). */
  limit?: number;
  /** Wait after the last keystroke before searching (default 300 ms). */
  debounceMs?: number;
  /** Where to search instead of the public `GET /api/orgs` (e.g. within an officer's subtree); level, employer and limit are then its business. */
  search?: (q: string) => Promise<OrgCard[]>;
}

export const ORG_PICKER_TEXT = {
  placeholder: '输入工会名称或编码搜索',
  hint: '输入名称中的几个字，如“美团”“顺丰”“思明”',
  loading: '正在搜索…',
  empty: (q: string) => `没有找到名称或编码包含“${q}”的工会，请换个关键词，或向所在工会索取入会二维码`,
  error: (message: string) => `搜索失败：${message}`,
  retry: '重试',
  parent: (name: string) => `上级：${name}`,
};

/** The server's limit on `q`. */
const MAX_QUERY = 32;

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; q: string; items: OrgCard[] }
  | { kind: 'error'; message: string };

/** A search box over `GET /api/orgs` (debounced); tapping a row picks that org. */
export function OrgPicker({ level, employer, onPick, testId, placeholder, hint, emptyText, limit, debounceMs = 300, search }: OrgPickerProps) {
  const [text, setText] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);
  // Only the newest request may update the list: answers can arrive out of order.
  const latest = useRef(0);
  const q = text.trim();

  useEffect(() => {
    const seq = ++latest.current;
    if (!q || q.length > MAX_QUERY) {
      setState({ kind: 'idle' });
      return undefined;
    }
    const timer = setTimeout(() => {
      setState({ kind: 'loading' });
      (search ? search(q) : searchOrgs({ q, level, employer, limit })).then(
        (items) => seq === latest.current && setState({ kind: 'done', q, items }),
        (err: unknown) => seq === latest.current && setState({ kind: 'error', message: err instanceof ApiError ? err.message : '请稍后再试' }),
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [q, level, employer, limit, debounceMs, attempt, search]);

  return (
    <View className='org-picker' data-testid={testId}>
      <Input
        className='org-picker__input'
        name='orgSearch'
        type='text'
        confirmType='search'
        value={text}
        maxLength={MAX_QUERY}
        placeholder={placeholder ?? ORG_PICKER_TEXT.placeholder}
        onChange={setText}
      />
      {state.kind === 'idle' && !q && <Text className='org-picker__note'>{hint ?? ORG_PICKER_TEXT.hint}</Text>}
      {state.kind === 'loading' && (
        <Text className='org-picker__note' data-testid={`${testId}-loading`}>
          {ORG_PICKER_TEXT.loading}
        </Text>
      )}
      {state.kind === 'error' && (
        <View className='org-picker__failure' data-testid={`${testId}-error`}>
          <Text className='org-picker__note org-picker__note--error'>{ORG_PICKER_TEXT.error(state.message)}</Text>
          <Button size='small' onClick={() => setAttempt((n) => n + 1)} data-testid={`${testId}-retry`}>
            {ORG_PICKER_TEXT.retry}
          </Button>
        </View>
      )}
      {state.kind === 'done' && state.items.length === 0 && (
        <Text className='org-picker__note' data-testid={`${testId}-empty`}>
          {typeof emptyText === 'function' ? emptyText(state.q) : (emptyText ?? ORG_PICKER_TEXT.empty(state.q))}
        </Text>
      )}
      {state.kind === 'done' && state.items.length > 0 && (
        <View className='org-picker__list'>
          {state.items.map((org) => (
            <View
              key={org.code}
              className='org-picker__item'
              hoverClass='org-picker__item--pressed'
              onClick={() => onPick({ code: org.code, name: org.name, level: org.level, parentName: org.parentName })}
              data-testid={`${testId}-item-${org.code}`}
            >
              <View className='org-picker__text'>
                <Text className='org-picker__name'>{org.name}</Text>
                <Text className='org-picker__meta'>
                  {[ORG_LEVEL_LABELS[org.level] ?? '', org.parentName ? ORG_PICKER_TEXT.parent(org.parentName) : ''].filter(Boolean).join(' · ')}
                </Text>
              </View>
              <View className='nx-chevron' />
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
