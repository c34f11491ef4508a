import { Injectable } from '@nestjs/common';
import { maskMobile, normalizeMobile } from '@nuanxin/shared';
import { DomainError } from '../common/domain-error';
import { MembershipsService } from '../memberships/memberships.service';
import type { Claim } from './claim.entity';
import type { CreateClaimDto } from './dto/claim.dto';
import type { ClaimContactDto, ContactDefaultsDto } from './dto/claim-law.dto';

type ContactColumns = Pick<Claim, 'contactName' | 'contactMobile' | 'contactMobileMasked'>;

/**
 * Who filed a claim, as the handling officer needs them: the name to address them by and, for 电话联系 only, a
 * mobile (encrypted in the row, masked everywhere, revealed to an officer in scope with an audit line).
 */
@Injectable()
export class ClaimContacts {
  constructor(private readonly memberships: MembershipsService) {}

  /** What the filing form prefills: the membership name in full (it is the caller's own), the mobile masked. */
  async defaults(userId: string): Promise<ContactDefaultsDto> {
    const [name, saved] = await Promise.all([this.memberships.memberNameOf(userId), this.memberships.savedMobileOf(userId)]);
    return { name, nameSource: name ? 'membership' : null, mobileMasked: saved ? maskMobile(saved.mobile) : null, mobileSource: saved?.source ?? null };
  }

  /**
   * The contact columns of a new claim. 电话联系 needs a name (typed, else the membership's) and a mobile (typed,
   * or the saved one with `useSavedMobile`); 消息通知 keeps no number, so one sent with it is refused.
   */
  async forFiling(userId: string, dto: Pick<CreateClaimDto, 'contactPreference' | 'contactName' | 'contactMobile' | 'useSavedMobile'>): Promise<ContactColumns> {
    const errors: Array<{ field: string; message: string }> = [];
    const name = dto.contactName?.trim() || (await this.memberships.memberNameOf(userId));
    let mobile: string | null = null;
    if (dto.contactPreference === 'message') {
      if (dto.contactMobile) errors.push({ field: 'contactMobile', message: '选择「消息通知」时不留手机号，请删除手机号或改选「电话联系」' });
    } else {
      if (!name) errors.push({ field: 'contactName', message: '选择电话联系时请填写称呼' });
      if (dto.contactMobile) mobile = normalizeMobile(dto.contactMobile);
      else if (dto.useSavedMobile) mobile = (await this.memberships.savedMobileOf(userId))?.mobile ?? null;
      if (!mobile) errors.push({ field: 'contactMobile', message: dto.useSavedMobile ? '没有已保存的手机号，请填写手机号' : '选择电话联系时请填写手机号' });
    }
    if (errors.length) throw DomainError.validation(errors);
    return { contactName: name || null, contactMobile: mobile, contactMobileMasked: mobile ? maskMobile(mobile) : null };
  }
}

/** The contact block of a claim view: the worker sees their own (masked); officers in scope may reveal a phone. */
export function contactView(c: Pick<Claim, 'contactName' | 'contactMobileMasked' | 'contactPreference'>, isWorker: boolean): ClaimContactDto {
  return {
    name: c.contactName,
    mobileMasked: c.contactMobileMasked,
    preference: c.contactPreference,
    canReveal: !isWorker && c.contactPreference === 'phone' && !!c.contactMobileMasked,
  };
}
