import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { isValidOrgCode } from '@nuanxin/shared';
import { Button, Input } from '../../components/ui';
import { FormField } from '../../components/form-field';
import { OrgPicker } from '../../components/org-picker';
import { ScanButton } from '../../components/scan-button';
import { orgCodeFromScan } from '../../utils/join-code';

export const ORG_SEARCH_TEXT = {
  title: '选择要加入的工会',
  intro: '扫描工会的入会二维码，或按名称搜索你所在的工会。',
  search: '搜索工会',
  searchPlaceholder: '输入工会名称，如“美团”“顺丰”',
  code: '已有组织编码？',
  codeHint: '二维码下方印有组织编码，区分大小写',
  codePlaceholder: '如 XM-MT',
  find: '查找',
  scan: '扫一扫入会码',
  badCode: '组织编码由字母、数字、_ 和 - 组成，请核对',
  notJoinCode: '这不是工会入会码，请扫描工会提供的入会二维码',
};

const TEXT = ORG_SEARCH_TEXT;

export interface OrgSearchProps {
  onFound: (code: string) => void;
  /** From the last lookup (e.g. 找不到该工会组织). */
  error?: string | null;
  busy?: boolean;
}

/** No org in the link: search by name, enter the printed code, or (weapp) scan its join code. */
export function OrgSearch({ onFound, error, busy }: OrgSearchProps) {
  const [code, setCode] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);

  const onFind = () => {
    // Codes are case-sensitive ([A-Za-z0-9_-]): send exactly what was typed, only trimmed.
    const trimmed = code.trim();
    if (!isValidOrgCode(trimmed)) {
      setLocalError(TEXT.badCode);
      return;
    }
    setLocalError(null);
    onFound(trimmed);
  };

  const onScanned = (text: string) => {
    const found = orgCodeFromScan(text);
    if (found) {
      setLocalError(null);
      onFound(found);
    } else setLocalError(TEXT.notJoinCode);
  };

  return (
    <View className='org-search' data-testid='join-org-search'>
      <View className='nx-card'>
        <Text className='nx-title'>{TEXT.title}</Text>
        <Text className='nx-text'>{TEXT.intro}</Text>
      </View>
      <ScanButton label={TEXT.scan} onScanned={onScanned} onError={setLocalError} testId='join-scan' />
      <View className='org-search__section'>
        <Text className='org-search__label'>{TEXT.search}</Text>
        <OrgPicker testId='join-org-picker' placeholder={TEXT.searchPlaceholder} onPick={(org) => onFound(org.code)} />
      </View>
      <FormField label={TEXT.code} hint={TEXT.codeHint} error={localError ?? error} testId='join-org-code'>
        <View className='org-search__row'>
          <Input
            className='org-search__input'
            name='orgCode'
            value={code}
            maxLength={32}
            placeholder={TEXT.codePlaceholder}
            onChange={(v) => {
              setCode(v);
              setLocalError(null);
            }}
          />
          <Button className='org-search__find' type='primary' loading={busy} disabled={busy || !code.trim()} onClick={onFind} data-testid='join-org-find'>
            {TEXT.find}
          </Button>
        </View>
      </FormField>
    </View>
  );
}
