import type { AskSubscribeConsent, UseSubscribeTemplates } from './subscribe-consent.types';

// A web page has no WeChat subscribe messages: results reach H5 users through 消息 only.

export const useSubscribeTemplates: UseSubscribeTemplates = () => undefined;

export const askSubscribeConsent: AskSubscribeConsent = () => Promise.resolve();
