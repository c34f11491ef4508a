import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SmsSender, smsSenderFor } from './sms.sender';

/**
 * The one SMS sender of the process, global: sign-in sends codes with it, administration tells invitees. One
 * instance, so tests and journeys read every message from the same test sender.
 */
@Global()
@Module({
  providers: [{ provide: SmsSender, useFactory: smsSenderFor, inject: [AppConfig] }],
  exports: [SmsSender],
})
export class SmsSenderModule {}
