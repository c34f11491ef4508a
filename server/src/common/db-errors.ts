/** True for a unique-index violation on MySQL/MariaDB or SQLite. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when MySQL/MariaDB chose this transaction as a deadlock victim (1213): it was rolled back whole and may run again. */
export function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  return (e.driverError?.code ?? e.code) === 'ER_LOCK_DEADLOCK' || (e.driverError?.errno ?? e.errno) === 1213;
}
