import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { allowedClaimActions, arbitrationPromptState, arbitrationRightDate, AWAITING_CLAIM_STATUSES, canReopen, WORKING_CLAIM_STATUSES, type ClaimAction, type ClaimStatus } from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { OrgsService } from '../orgs/orgs.service';
import { Attachment } from './attachment.entity';
import { ClaimAgreements } from './claim-agreements.service';
import { contactView } from './claim-contacts.service';
import { ClaimEvent } from './claim-event.entity';
import { Claim } from './claim.entity';
import type { ClaimDto } from './dto/claim.dto';

const AWAITING = AWAITING_CLAIM_STATUSES;
const WORKING = WORKING_CLAIM_STATUSES;

/** The deadline that applies in a status: first response while awaiting acceptance, mediation while worked on. */
export function applicableDeadline(status: ClaimStatus, c: Pick<Claim, 'firstResponseDueAt' | 'mediationDueAt'>): Date | null {
  if (AWAITING.includes(status)) return c.firstResponseDueAt;
  if (WORKING.includes(status)) return c.mediationDueAt;
  return null;
}

/** Offered only with a payment question in the detail, which is only the worker's while resolved or closed (both answered through `POST /payment`). */
const PAYMENT_ACTIONS: readonly ClaimAction[] = ['payment_received', 'payment_missed'];

/**
 * Claims as their readers see them, built in batches: a page of any length costs one query for the orgs it
 * names and one for its photos (plus one for the timeline of a single claim). Workers see only the steps meant
 * for them and never who handles their claim.
 */
@Injectable()
export class ClaimViews {
  constructor(
    @InjectRepository(ClaimEvent) private readonly events: Repository<ClaimEvent>,
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    private readonly orgs: OrgsService,
    private readonly agreements: ClaimAgreements,
  ) {}

  async one(user: AuthUser, c: Claim): Promise<ClaimDto> {
    const isWorker = c.workerId === user.id;
    const events = await this.events.find({ where: isWorker ? { claimId: c.id, visibleToWorker: true } : { claimId: c.id }, order: { seq: 'ASC' } });
    // a phone reveal is seen only by the officer who made it
    const timeline = events.filter((e) => e.kind !== 'reveal_phone' || e.actorId === user.id);
    const [view] = await this.page(user, [c], timeline);
    const { agreement, paymentPrompt } = await this.agreements.detail(c, isWorker, new Date());
    return { ...view, agreement, paymentPrompt, actions: paymentPrompt ? [...view.actions, ...PAYMENT_ACTIONS] : view.actions };
  }

  /** Without timelines (lists); the agreement and the payment question are in the detail only (lists carry the sums). */
  async page(user: AuthUser, list: Claim[], timeline: ClaimEvent[] = []): Promise<ClaimDto[]> {
    if (!list.length) return [];
    const orgs = await this.orgs.findByIds(list.flatMap((c) => (c.employerOrgId ? [c.orgId, c.employerOrgId] : [c.orgId])));
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const ref = (id: string | null) => {
      const o = id ? byId.get(id) : undefined;
      return o ? { code: o.code, name: o.name } : null;
    };
    const photos = await this.attachments.find({ where: { claimId: In(list.map((c) => c.id)) }, select: { id: true, claimId: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    const photosOf = new Map<string, string[]>();
    for (const p of photos) photosOf.set(p.claimId!, [...(photosOf.get(p.claimId!) ?? []), p.id]);
    const now = new Date();
    return list.map((c) => {
      const isWorker = c.workerId === user.id;
      const reopenable = isWorker && canReopen({ ...c, now });
      const prompt = arbitrationPromptState({ ...c, now });
      const hidden = (a: ClaimAction) =>
        (a === 'reopen' && !reopenable) || (a === 'continue_mediation' && prompt !== 'pending' && prompt !== 'consented') || (a === 'refer' && c.handlingTier >= 2) || PAYMENT_ACTIONS.includes(a);
      return {
        id: c.id,
        number: c.number,
        category: c.category,
        employerName: c.employerName,
        employerOrg: ref(c.employerOrgId),
        amountFen: c.amountFen,
        description: c.description,
        contactPreference: c.contactPreference,
        status: c.status,
        org: ref(c.orgId)!,
        assigneeId: isWorker ? null : c.assigneeId,
        tier: c.tier,
        routedBy: c.routedBy,
        firstResponseDueAt: c.firstResponseDueAt,
        firstResponseAt: c.firstResponseAt,
        mediationDueAt: c.mediationDueAt,
        dueAt: c.dueAt,
        firstResponseEstimated: c.firstResponseEstimated,
        mediationEstimated: c.mediationEstimated,
        deadlineEstimated: c.firstResponseEstimated || (!!c.mediationDueAt && c.mediationEstimated),
        overdue: !!c.dueAt && c.dueAt.getTime() < now.getTime(),
        department: c.department,
        outcome: c.outcome,
        amountRecoveredFen: c.amountRecoveredFen,
        outcomeSummary: c.outcomeSummary,
        ratingScore: c.ratingScore,
        ratingComment: c.ratingComment,
        reopenCount: c.reopenCount,
        canReopen: reopenable,
        actions: allowedClaimActions(c.status, isWorker ? 'worker' : 'officer').filter((a) => !hidden(a)),
        contact: contactView(c, isWorker),
        handlingTier: c.handlingTier,
        difficult: c.difficult,
        tierEnteredAt: c.tierEnteredAt,
        mediationReceivedAt: c.mediationReceivedAt,
        arbitrationRightAt: c.arbitrationRightAt,
        arbitrationRightDate: c.mediationReceivedAt ? arbitrationRightDate(c.mediationReceivedAt) : null,
        arbitrationPrompt: prompt,
        continuedMediationConsentAt: c.continuedMediationConsentAt,
        agreement: null,
        agreedFen: c.agreedFen,
        recoveredFen: c.recoveredFen,
        paymentPrompt: null,
        paymentMissedAt: c.paymentMissedAt,
        attachmentIds: photosOf.get(c.id) ?? [],
        submittedAt: c.submittedAt,
        resolvedAt: c.resolvedAt,
        closedAt: c.closedAt,
        timeline: timeline
          .filter((e) => e.claimId === c.id)
          .map((e) => ({
            id: e.id,
            at: e.at,
            actorRole: e.actorRole,
            kind: e.kind,
            note: e.note,
            visibleToWorker: e.visibleToWorker,
            fromStatus: e.fromStatus,
            toStatus: e.toStatus,
            data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
          })),
      };
    });
  }
}
