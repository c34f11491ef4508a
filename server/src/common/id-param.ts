import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error';

/** `:id` params are UUIDs; anything else is simply not found (never a 500, never a hint). */
export const IdParam = () => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound() });
