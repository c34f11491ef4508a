import { Init1795461285663 } from './1795461285663-Init';

/** Applied in order; append new migrations, never edit applied ones. */
export const SQLITE_MIGRATIONS: Function[] = [Init1795461285663];
