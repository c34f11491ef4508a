import { RefreshToken } from '../auth/refresh-token.entity';
import { SmsCode } from '../auth/sms-code.entity';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { Org } from '../orgs/org.entity';
import { UserRole } from '../users/user-role.entity';
import { User } from '../users/user.entity';

/** Every entity, registered by class reference (no globs, so bundling and SWC output both work). */
export const ENTITIES = [Org, User, UserRole, RefreshToken, SmsCode, IdempotencyRecord];
