import { amapNavigationUrl, type NavTarget } from './navigate.types';

/** A browser has no native map sheet: hand over to AMap's route planner in a new tab, the app stays where it was. */
export function openNavigation(t: NavTarget): void {
  window.open(amapNavigationUrl(t), '_blank', 'noopener');
}
