import { Text, View } from '@tarojs/components';
import { COUPON_KINDS, type CouponKind } from '@nuanxin/shared';
import { Button, Input } from '../../../components/ui';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { freshLine, type LineDraft } from './campaign-draft';

const TEXT = {
  line: (n: number) => `第 ${n} 种券`,
  kind: '券的类型',
  threshold: '使用门槛（元）',
  thresholdOptional: '使用门槛（元，选填，不填为无门槛）',
  discount: '减免金额（元）',
  face: '面值（元）',
  percentOff: '折扣（填 20 表示八折）',
  cap: '最高减免（元）',
  count: '每个券包里的张数',
  remove: '删除这种券',
};

const KIND_LABELS = COUPON_KINDS.map((k) => k.label);
const kindOf = (label: string | null): CouponKind | null => COUPON_KINDS.find((k) => k.label === label)?.code ?? null;

/** One line of the pack: its kind and the amounts that kind needs; errors by the shared rules' field names. */
export function PackLineEditor({ index, line, errors, onChange, onRemove }: { index: number; line: LineDraft; errors: Record<string, string>; onChange: (line: LineDraft) => void; onRemove?: () => void }) {
  const p = `items.${index}.`;
  const set = (patch: Partial<LineDraft>) => onChange({ ...line, ...patch });
  const id = (name: string) => `campaign-line-${index}-${name}`;
  return (
    <View className='nx-card campaign-edit__line' data-testid='campaign-line'>
      <Text className='campaign-edit__heading'>{TEXT.line(index + 1)}</Text>
      <FormField label={TEXT.kind} error={errors[`${p}kind`]} testId={id('kind')}>
        <ChoiceChips options={KIND_LABELS} value={COUPON_KINDS.find((k) => k.code === line.kind)?.label ?? null} onChange={(l) => onChange({ ...freshLine(kindOf(l) ?? line.kind), count: line.count })} testId={id('kind-choices')} />
      </FormField>
      {line.kind !== 'voucher' && (
        <FormField label={line.kind === 'percent' ? TEXT.thresholdOptional : TEXT.threshold} error={errors[`${p}thresholdFen`]} testId={id('threshold')}>
          <Input type='digit' value={line.threshold} maxLength={10} onChange={(v) => set({ threshold: v })} />
        </FormField>
      )}
      {line.kind !== 'percent' ? (
        <FormField label={line.kind === 'voucher' ? TEXT.face : TEXT.discount} error={errors[`${p}discountFen`]} testId={id('discount')}>
          <Input type='digit' value={line.discount} maxLength={10} onChange={(v) => set({ discount: v })} />
        </FormField>
      ) : (
        <>
          <FormField label={TEXT.percentOff} error={errors[`${p}percentOff`]} testId={id('percent')}>
            <Input type='number' value={line.percentOff} maxLength={2} onChange={(v) => set({ percentOff: v })} />
          </FormField>
          <FormField label={TEXT.cap} error={errors[`${p}capFen`]} testId={id('cap')}>
            <Input type='digit' value={line.cap} maxLength={10} onChange={(v) => set({ cap: v })} />
          </FormField>
        </>
      )}
      <FormField label={TEXT.count} error={errors[`${p}count`]} testId={id('count')}>
        <Input type='number' value={line.count} maxLength={2} onChange={(v) => set({ count: v })} />
      </FormField>
      {onRemove && (
        <Button fill='outline' onClick={onRemove} data-testid={id('remove')}>
          {TEXT.remove}
        </Button>
      )}
    </View>
  );
}
