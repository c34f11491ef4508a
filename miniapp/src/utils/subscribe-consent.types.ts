import type { SubscribeMoment } from '../services/notifications';

export type { SubscribeMoment };

/** A moment a page may ask consent for (the catalogue's); a moment the server's answer does not name asks nothing. */
export type ConsentMoment = SubscribeMoment;

/** Loads the template ids for the page's moments ahead of the tap (WeChat allows no await before asking). */
export type UseSubscribeTemplates = () => void;

/**
 * Asks WeChat for subscribe consent for `moment`: call it synchronously inside the tap handler, before any
 * await. Settles once the user has answered (never rejects); does nothing when no templates are configured.
 */
export type AskSubscribeConsent = (moment: ConsentMoment) => Promise<void>;
