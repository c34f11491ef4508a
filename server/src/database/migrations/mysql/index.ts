import { Init1795461285988 } from './1795461285988-Init';

/** Applied in order; append new migrations, never edit applied ones. */
export const MYSQL_MIGRATIONS: Function[] = [Init1795461285988];
