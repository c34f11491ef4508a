import { Init1795461285988 } from './1795461285988-Init';
import { Memberships1795461928158 } from './1795461928158-Memberships';
import { Claims1795463078322 } from './1795463078322-Claims';
import { Stations1795463506501 } from './1795463506501-Stations';
import { ClaimDeadlines1796150553611 } from './1796150553611-ClaimDeadlines';
import { House1796184002489 } from './1796184002489-House';
import { Admin1796185063748 } from './1796185063748-Admin';
import { Wishes1796186945642 } from './1796186945642-Wishes';
import { ClaimsSla1796194146939 } from './1796194146939-ClaimsSla';
import { Benefits1796194927060 } from './1796194927060-Benefits';
import { ClaimExports1796194299702 } from './1796194299702-ClaimExports';
import { ClaimQueueOrder1796195874972 } from './1796195874972-ClaimQueueOrder';
import { ClaimDashboardIndex1796196873121 } from './1796196873121-ClaimDashboardIndex';
import { ModelWorkers1796219279985 } from './1796219279985-ModelWorkers';
import { ClaimFigures1796219322960 } from './1796219322960-ClaimFigures';
import { StationChanges1796229056148 } from './1796229056148-StationChanges';
import { ClaimOpenCounts1796244460967 } from './1796244460967-ClaimOpenCounts';

/** Applied in order; append new migrations, never edit applied ones. */
export const MYSQL_MIGRATIONS: Function[] = [Init1795461285988, Memberships1795461928158, Claims1795463078322, Stations1795463506501, ClaimDeadlines1796150553611, House1796184002489, Admin1796185063748, Wishes1796186945642, ClaimsSla1796194146939, Benefits1796194927060, ClaimExports1796194299702, ClaimQueueOrder1796195874972, ClaimDashboardIndex1796196873121, ModelWorkers1796219279985, ClaimFigures1796219322960, StationChanges1796229056148, ClaimOpenCounts1796244460967];
