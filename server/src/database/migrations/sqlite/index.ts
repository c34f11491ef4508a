import { Init1795461285663 } from './1795461285663-Init';
import { Memberships1795461927796 } from './1795461927796-Memberships';
import { Claims1795463077932 } from './1795463077932-Claims';
import { Stations1795463506073 } from './1795463506073-Stations';
import { ClaimDeadlines1796150536473 } from './1796150536473-ClaimDeadlines';
import { House1796184000090 } from './1796184000090-House';
import { Admin1796185062513 } from './1796185062513-Admin';
import { Wishes1796186942497 } from './1796186942497-Wishes';
import { ClaimsSla1796194120108 } from './1796194120108-ClaimsSla';
import { Benefits1796194915414 } from './1796194915414-Benefits';
import { ClaimExports1796194290686 } from './1796194290686-ClaimExports';
import { ClaimQueueOrder1796195874972 } from './1796195874972-ClaimQueueOrder';
import { ClaimDashboardIndex1796196850605 } from './1796196850605-ClaimDashboardIndex';
import { ModelWorkers1796219259390 } from './1796219259390-ModelWorkers';
import { ClaimFigures1796219307864 } from './1796219307864-ClaimFigures';
import { StationChanges1796229047175 } from './1796229047175-StationChanges';
import { ClaimOpenCounts1796244454553 } from './1796244454553-ClaimOpenCounts';

/** Applied in order; append new migrations, never edit applied ones. */
export const SQLITE_MIGRATIONS: Function[] = [Init1795461285663, Memberships1795461927796, Claims1795463077932, Stations1795463506073, ClaimDeadlines1796150536473, House1796184000090, Admin1796185062513, Wishes1796186942497, ClaimsSla1796194120108, Benefits1796194915414, ClaimExports1796194290686, ClaimQueueOrder1796195874972, ClaimDashboardIndex1796196850605, ModelWorkers1796219259390, ClaimFigures1796219307864, StationChanges1796229047175, ClaimOpenCounts1796244454553];
