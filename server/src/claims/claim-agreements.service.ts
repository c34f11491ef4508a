import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLAIM_LAW_RULES, isIsoDate, shanghaiDate, type ClaimOutcome } from '@nuanxin/shared';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { ClaimAgreement } from './claim-agreement.entity';
import { ClaimInstalment } from './claim-instalment.entity';
import type { Claim } from './claim.entity';
import type { AgreementDto, AgreementInputDto, InstalmentDto, PaymentPromptDto } from './dto/claim-law.dto';

/** An agreement as checked: always with its instalments (one for the whole sum when none were given). */
export interface CheckedAgreement {
  amountFen: number;
  dueDate: string;
  instalments: Array<{ amountFen: number; dueDate: string }>;
}

/** The instant a Beijing date begins: when the worker is asked about a payment due that day. */
const startOfDate = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`));

/**
 * Follow-through on mediation agreements (调解协议): recorded at resolution, each payment asked about on its due
 * date (是否已收到). The claim keeps `agreedFen` / `recoveredFen` in the same transactions, for the ledger.
 */
@Injectable()
export class ClaimAgreements {
  constructor(
    @InjectRepository(ClaimAgreement) private readonly agreements: Repository<ClaimAgreement>,
    @InjectRepository(ClaimInstalment) private readonly instalments: Repository<ClaimInstalment>,
  ) {}

  /** Field errors for an agreement that cannot be followed up: wrong outcome, past or unordered dates, sums off. */
  check(input: AgreementInputDto, outcome: ClaimOutcome, now: Date): CheckedAgreement {
    const today = shanghaiDate(now);
    const errors: Array<{ field: string; message: string }> = [];
    if (outcome !== 'mediated') errors.push({ field: 'agreement', message: '只有调解成功时才能记录调解协议' });
    const dateError = (field: string, d: string) => {
      if (!isIsoDate(d)) errors.push({ field, message: '付款日期不正确' });
      else if (d < today) errors.push({ field, message: '付款日期不能早于今天' });
    };
    dateError('agreement.dueDate', input.dueDate);
    const parts = input.instalments ?? [{ amountFen: input.amountFen, dueDate: input.dueDate }];
    if (input.instalments) {
      input.instalments.forEach((p, i) => dateError(`agreement.instalments.${i}.dueDate`, p.dueDate));
      if (input.instalments.some((p, i) => i > 0 && p.dueDate <= input.instalments![i - 1].dueDate)) {
        errors.push({ field: 'agreement.instalments', message: '分期的付款日期应按先后排列，且不能重复' });
      }
      if (input.instalments.reduce((sum, p) => sum + p.amountFen, 0) !== input.amountFen) errors.push({ field: 'agreement.instalments', message: '各期金额之和应等于约定金额' });
      if (input.instalments[input.instalments.length - 1]?.dueDate !== input.dueDate) errors.push({ field: 'agreement.dueDate', message: '约定付清日期应为最后一期的付款日期' });
    }
    if (parts.length > CLAIM_LAW_RULES.instalmentsMax) errors.push({ field: 'agreement.instalments', message: `分期最多 ${CLAIM_LAW_RULES.instalmentsMax} 期` });
    if (errors.length) throw DomainError.validation(errors);
    return { amountFen: input.amountFen, dueDate: input.dueDate, instalments: parts.map((p) => ({ amountFen: p.amountFen, dueDate: p.dueDate })) };
  }

  async record(em: EntityManager, claimId: string, a: CheckedAgreement, userId: string, now: Date): Promise<void> {
    const agreementId = newId();
    await em.insert(ClaimAgreement, { id: agreementId, claimId, amountFen: a.amountFen, dueDate: a.dueDate, createdById: userId, createdAt: now });
    await em.insert(
      ClaimInstalment,
      a.instalments.map((p, i) => ({ id: newId(), agreementId, claimId, seq: i + 1, amountFen: p.amountFen, dueDate: p.dueDate, askAt: startOfDate(p.dueDate), askedAt: null, confirmedAt: null, receivedFen: null, notReceivedAt: null })),
    );
  }

  /** The instalment a worker answers: of this claim's current agreement, due (today or before) and unanswered. */
  async dueInstalment(claimId: string, instalmentId: string, now: Date): Promise<ClaimInstalment> {
    const latest = await this.latest(claimId);
    const inst = latest ? await this.instalments.findOneBy({ id: instalmentId, agreementId: latest.id }) : null;
    if (!inst) throw DomainError.validation([{ field: 'instalmentId', message: '找不到这笔约定款项，请刷新后重试' }]);
    if (inst.confirmedAt || inst.notReceivedAt) throw new DomainError(409, 'CLAIM_PAYMENT_ANSWERED');
    if (inst.dueDate > shanghaiDate(now)) throw new DomainError(409, 'CLAIM_PAYMENT_NOT_DUE');
    return inst;
  }

  /**
   * Records the answer once (a second answer, even a concurrent one, is 409 and rolls its step back). 未收到 stops
   * the questions about the agreement's later payments: the claim is being handled again.
   */
  async answer(em: EntityManager, inst: ClaimInstalment, patch: Partial<Pick<ClaimInstalment, 'confirmedAt' | 'receivedFen' | 'notReceivedAt'>>, stopRest = false): Promise<void> {
    const res = await em.update(ClaimInstalment, { id: inst.id, confirmedAt: IsNull(), notReceivedAt: IsNull() }, { ...patch, askAt: null });
    if (!res.affected) throw new DomainError(409, 'CLAIM_PAYMENT_ANSWERED');
    if (stopRest) await em.update(ClaimInstalment, { agreementId: inst.agreementId, confirmedAt: IsNull(), notReceivedAt: IsNull() }, { askAt: null });
  }

  /** The detail view's agreement and, for the worker of a resolved or closed claim, the 是否已收到 question. */
  async detail(claim: Pick<Claim, 'id' | 'status'>, isWorker: boolean, now: Date): Promise<{ agreement: AgreementDto | null; paymentPrompt: PaymentPromptDto | null }> {
    const a = await this.latest(claim.id);
    if (!a) return { agreement: null, paymentPrompt: null };
    const rows = await this.instalments.find({ where: { agreementId: a.id }, order: { seq: 'ASC' } });
    const today = shanghaiDate(now);
    const view = (r: ClaimInstalment): InstalmentDto => ({
      id: r.id,
      seq: r.seq,
      amountFen: r.amountFen,
      dueDate: r.dueDate,
      state: r.confirmedAt ? 'received' : r.notReceivedAt ? 'not_received' : r.dueDate <= today && claimAskable(claim) ? 'asking' : 'scheduled',
      receivedFen: r.receivedFen,
      answeredAt: (r.confirmedAt ?? r.notReceivedAt)?.toISOString() ?? null,
    });
    const instalments = rows.map(view);
    const ask = isWorker && claimAskable(claim) ? instalments.find((i) => i.state === 'asking') : undefined;
    return {
      agreement: {
        id: a.id,
        amountFen: a.amountFen,
        dueDate: a.dueDate,
        instalments,
        recoveredFen: rows.reduce((sum, r) => sum + (r.receivedFen ?? 0), 0),
        createdAt: a.createdAt.toISOString(),
      },
      paymentPrompt: ask ? { instalmentId: ask.id, seq: ask.seq, amountFen: ask.amountFen, dueDate: ask.dueDate } : null,
    };
  }

  /** Payments whose day has come and about which the worker has not been asked yet (the clock's work). */
  dueToAsk(now: Date, limit: number): Promise<ClaimInstalment[]> {
    return this.instalments.createQueryBuilder('i').where('i.askAt <= :now', { now }).orderBy('i.askAt', 'ASC').take(limit).getMany();
  }

  /** Marks an instalment asked; false when another replica did first. */
  async markAsked(em: EntityManager, inst: ClaimInstalment, now: Date): Promise<boolean> {
    const res = await em.update(ClaimInstalment, { id: inst.id, askAt: inst.askAt! }, { askAt: null, askedAt: now });
    return !!res.affected;
  }

  private latest(claimId: string): Promise<ClaimAgreement | null> {
    return this.agreements.findOne({ where: { claimId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}

/** Payments are asked about while the claim rests resolved or closed (reopened: the union is handling it again). */
function claimAskable(c: Pick<Claim, 'status'>): boolean {
  return c.status === 'resolved' || c.status === 'closed';
}
