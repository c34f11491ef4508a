import { StaffInvitation } from '../admin/staff-invitation.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { SmsCode } from '../auth/sms-code.entity';
import { CalendarDay } from '../calendar/calendar-day.entity';
import { CalendarYear } from '../calendar/calendar-year.entity';
import { Attachment } from '../claims/attachment.entity';
import { ClaimEvent } from '../claims/claim-event.entity';
import { BenefitClaim } from '../benefits/benefit-claim.entity';
import { Campaign } from '../benefits/campaign.entity';
import { ModelWorker } from '../benefits/model-worker.entity';
import { Coupon } from '../benefits/coupon.entity';
import { Merchant } from '../benefits/merchant.entity';
import { Redemption } from '../benefits/redemption.entity';
import { ClaimExport } from '../claims/claim-export.entity';
import { ClaimFigure } from '../claims/claim-figure.entity';
import { ClaimOpenCount } from '../claims/claim-open-count.entity';
import { Claim } from '../claims/claim.entity';
import { ArbitrationCommission } from '../claims/arbitration-commission.entity';
import { ClaimAgreement } from '../claims/claim-agreement.entity';
import { ClaimDigest } from '../claims/claim-digest.entity';
import { ClaimInstalment } from '../claims/claim-instalment.entity';
import { Counter } from '../counters/counter.entity';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { JobRun } from '../jobs/job-run.entity';
import { InboxMessage } from '../notifications/inbox-message.entity';
import { OutboxMessage } from '../notifications/outbox-message.entity';
import { SubscribeCredit } from '../notifications/subscribe-credit.entity';
import { MembershipApplication } from '../memberships/membership-application.entity';
import { Membership } from '../memberships/membership.entity';
import { Org } from '../orgs/org.entity';
import { EventSignup, StationEvent, StationRating } from '../stations/station-event.entity';
import { Station } from '../stations/station.entity';
import { StationChange } from '../stations/station-change.entity';
import { UserRole } from '../users/user-role.entity';
import { User } from '../users/user.entity';
import { WechatToken } from '../wechat/wechat-token.entity';
import { WishEvent } from '../wishes/wish-event.entity';
import { WishPhoto } from '../wishes/wish-photo.entity';
import { WishSetting } from '../wishes/wish-setting.entity';
import { Wish } from '../wishes/wish.entity';

/**
 * Every entity, registered by class reference (no globs, so bundling and SWC output both work), for the data
 * source and the migrations. Each feature module registers its own with `TypeOrmModule.forFeature`.
 */
export const ENTITIES = [Org, User, UserRole, RefreshToken, SmsCode, IdempotencyRecord, InboxMessage, Counter, MembershipApplication, Membership, CalendarDay, CalendarYear, Claim, ClaimEvent, Attachment, Station, StationEvent, EventSignup, StationRating, OutboxMessage, SubscribeCredit, WechatToken, JobRun, AuditEntry, StaffInvitation, Wish, WishEvent, WishPhoto, WishSetting, ClaimAgreement, ClaimInstalment, ArbitrationCommission, ClaimDigest, Merchant, Campaign, BenefitClaim, Coupon, Redemption, ClaimExport, ModelWorker, ClaimFigure, StationChange, ClaimOpenCount];
