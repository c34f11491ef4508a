import { Text, View } from '@tarojs/components';
import { formatYuan } from '@nuanxin/shared';
import type { Claim } from '../services/claims';
import { formatDateTime } from '../utils/format';
import { CLAIM_TEXT, departmentLabel, outcomeLabel } from './claim-labels';
import './claim-panel.scss';

const TEXT = {
  employer: '单位/平台',
  employerOrg: '单位工会',
  amount: '涉及金额',
  contact: '联系方式',
  contactName: '称呼',
  contactMobile: '联系手机',
  submittedAt: '提交时间',
  outcome: '办理结果',
  department: '转交部门',
  recovered: '追回金额',
  summary: '办理情况',
  rating: '我的评价',
  ratingStaff: '职工评价',
  resolvedAt: '办结时间',
  stars: (n: number) => `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${n} 星`,
};

type Row = [string, string, string?];

/** What the claim says and, once handled, how it ended; the same facts for the worker and for staff. */
export function ClaimFacts({ claim, viewer }: { claim: Claim; viewer: 'worker' | 'staff' }) {
  const rows: Row[] = [];
  // With a union picked and no station typed, the server stores the union's name as the employer: say it once.
  if (!claim.employerOrg || claim.employerName !== claim.employerOrg.name) rows.push([TEXT.employer, claim.employerName, 'claim-employer-value']);
  if (claim.employerOrg) rows.push([TEXT.employerOrg, claim.employerOrg.name, 'claim-employer-org-value']);
  if (claim.amountFen !== null) rows.push([TEXT.amount, formatYuan(claim.amountFen), 'claim-amount-value']);
  rows.push([TEXT.contact, CLAIM_TEXT.contact[claim.contactPreference] ?? claim.contactPreference]);
  // Staff see the contact in its own card (with 拨打电话); the worker sees what they left, masked.
  if (viewer === 'worker' && claim.contact?.name) rows.push([TEXT.contactName, claim.contact.name, 'claim-contact-name-value']);
  if (viewer === 'worker' && claim.contact?.mobileMasked) rows.push([TEXT.contactMobile, claim.contact.mobileMasked, 'claim-contact-mobile-value']);
  rows.push([TEXT.submittedAt, formatDateTime(claim.submittedAt)]);

  const result: Row[] = [];
  const outcome = outcomeLabel(claim.outcome);
  if (outcome) result.push([TEXT.outcome, outcome, 'claim-outcome']);
  const department = departmentLabel(claim.department);
  if (department) result.push([TEXT.department, department]);
  if (claim.amountRecoveredFen !== null) result.push([TEXT.recovered, formatYuan(claim.amountRecoveredFen), 'claim-recovered']);
  if (claim.outcomeSummary) result.push([TEXT.summary, claim.outcomeSummary]);
  if (claim.resolvedAt) result.push([TEXT.resolvedAt, formatDateTime(claim.resolvedAt)]);
  if (claim.ratingScore !== null) {
    result.push([viewer === 'worker' ? TEXT.rating : TEXT.ratingStaff, TEXT.stars(claim.ratingScore) + (claim.ratingComment ? `，${claim.ratingComment}` : ''), 'claim-rating']);
  }

  const render = (list: Row[]) =>
    list.map(([key, value, testId]) => (
      <View key={key} className='claim-facts__row'>
        <Text className='claim-facts__key'>{key}</Text>
        <Text className='claim-facts__value' data-testid={testId}>
          {value}
        </Text>
      </View>
    ));

  return (
    <>
      <View className='nx-card claim-facts' data-testid='claim-facts'>
        {render(rows)}
        <Text className='claim-facts__description' data-testid='claim-description-text'>
          {claim.description}
        </Text>
      </View>
      {result.length > 0 && (
        <View className='nx-card claim-facts' data-testid='claim-result'>
          {render(result)}
        </View>
      )}
    </>
  );
}
