import { Text, View } from '@tarojs/components';
import type { Claim } from '../services/claims';
import { categoryLabel, CLAIM_TEXT, nextDeadline, statusLabel, tierLabel } from './claim-labels';
import './claim-summary.scss';

export interface ClaimSummaryProps {
  claim: Claim;
  /** Makes the whole card one big tap target (lists). */
  onClick?: () => void;
  /** Detail pages explain what 预计 means under the deadline; lists keep the badge only. */
  explainEstimate?: boolean;
  testId: string;
}

/** Number, category, status, the union handling it and the deadline that applies now (with 已超期). */
export function ClaimSummary({ claim, onClick, explainEstimate, testId }: ClaimSummaryProps) {
  const deadline = nextDeadline(claim);
  return (
    <View
      className={`nx-card claim-summary${onClick ? ' claim-summary--link' : ''}${deadline?.overdue ? ' claim-summary--overdue' : ''}`}
      hoverClass={onClick ? 'claim-summary--pressed' : 'none'}
      onClick={onClick}
      data-testid={testId}
      data-id={claim.id}
    >
      <View className='claim-summary__head'>
        <Text className='claim-summary__category' data-testid={`${testId}-category`}>
          {categoryLabel(claim.category)}
        </Text>
        <Text className={`claim-summary__status claim-summary__status--${claim.status}`} data-testid={`${testId}-status`}>
          {statusLabel(claim.status)}
        </Text>
      </View>
      <Text className='claim-summary__number' data-testid={`${testId}-number`}>
        {claim.number}
      </Text>
      <View className='claim-summary__row'>
        <Text className='claim-summary__key'>{CLAIM_TEXT.org}</Text>
        <Text className='claim-summary__value' data-testid={`${testId}-org`}>
          {claim.org.name}
        </Text>
      </View>
      {claim.handlingTier && (
        <View className='claim-summary__row'>
          <Text className='claim-summary__key'>{CLAIM_TEXT.tier}</Text>
          <Text className={`claim-summary__value claim-summary__tier claim-summary__tier--${claim.handlingTier}`} data-testid={`${testId}-tier`}>
            {tierLabel(claim.handlingTier)}
          </Text>
          {claim.difficult && (
            <Text className='claim-summary__difficult' data-testid={`${testId}-difficult`}>
              {CLAIM_TEXT.difficult}
            </Text>
          )}
        </View>
      )}
      {deadline && (
        <View className='claim-summary__row'>
          <Text className='claim-summary__key'>{deadline.label}</Text>
          <Text className='claim-summary__value' data-testid={`${testId}-deadline`}>
            {deadline.text}
          </Text>
          {deadline.estimated && (
            <Text className='claim-summary__estimated' data-testid={`${testId}-estimated`}>
              {CLAIM_TEXT.estimated}
            </Text>
          )}
          {deadline.overdue && (
            <Text className='claim-summary__overdue' data-testid={`${testId}-overdue`}>
              {CLAIM_TEXT.overdue}
            </Text>
          )}
        </View>
      )}
      {deadline?.estimated && explainEstimate && (
        <Text className='claim-summary__hint' data-testid={`${testId}-estimated-hint`}>
          {CLAIM_TEXT.estimatedHint}
        </Text>
      )}
    </View>
  );
}
