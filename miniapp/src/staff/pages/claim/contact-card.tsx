import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ClaimContactView } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { revealClaimPhone } from '../../../services/claims';
import { errorMessage } from '../../../utils/error-message';
import '../../../components/claim-panel.scss';

export const CONTACT_TEXT = {
  title: '职工联系方式',
  name: '称呼',
  mobile: '手机号',
  noName: '未留称呼',
  byMessage: '职工选择消息通知，请在诉求中答复，不查看手机号',
  noMobile: '未留手机号，请在诉求中答复',
  call: '拨打电话',
  calling: '正在获取号码…',
  callHint: '拨打时才显示完整号码，系统会记录查看人和时间。',
  failed: '获取号码失败，请稍后重试',
};

export interface ContactCardProps {
  claimId: string;
  contact: ClaimContactView;
  /** After a reveal: the page reloads so its timeline shows the officer's own 查看职工电话 step. */
  onRevealed: () => void;
}

/** Who filed the claim, for the handling officer: name, masked mobile, and 拨打电话 (reveal, then dial). */
export function ContactCard({ claimId, contact, onRevealed }: ContactCardProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const call = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      // The full number lives only in this call: handed to the dialer, never put in state.
      const mobile = await revealClaimPhone(claimId);
      onRevealed();
      await Promise.resolve(Taro.makePhoneCall({ phoneNumber: mobile })).catch(() => undefined);
    } catch (err) {
      setError(errorMessage(err, CONTACT_TEXT.failed));
    } finally {
      setBusy(false);
    }
  };

  const phone = contact.preference === 'phone';
  return (
    <View className='nx-card claim-facts' data-testid='staff-claim-contact'>
      <Text className='claim-facts__section'>{CONTACT_TEXT.title}</Text>
      <View className='claim-facts__row'>
        <Text className='claim-facts__key'>{CONTACT_TEXT.name}</Text>
        <Text className='claim-facts__value' data-testid='staff-claim-contact-name'>
          {contact.name || CONTACT_TEXT.noName}
        </Text>
      </View>
      <View className='claim-facts__row'>
        <Text className='claim-facts__key'>{CONTACT_TEXT.mobile}</Text>
        <Text className='claim-facts__value' data-testid='staff-claim-contact-mobile'>
          {!phone ? CONTACT_TEXT.byMessage : contact.mobileMasked || CONTACT_TEXT.noMobile}
        </Text>
      </View>
      {phone && contact.canReveal && (
        <>
          <Button type='primary' fill='outline' block loading={busy} disabled={busy} onClick={call} data-testid='staff-claim-call'>
            {busy ? CONTACT_TEXT.calling : CONTACT_TEXT.call}
          </Button>
          <Text className='claim-panel__hint'>{CONTACT_TEXT.callHint}</Text>
        </>
      )}
      {error && (
        <Text className='claim-panel__error' data-testid='staff-claim-call-error'>
          {error}
        </Text>
      )}
    </View>
  );
}
