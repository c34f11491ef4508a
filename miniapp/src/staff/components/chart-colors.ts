// Chart colours as plain strings (ECharts options are not SCSS): each line names the token of
// src/styles/_tokens.scss it repeats, and test/claims-dashboard.test.tsx fails when they drift.
export const CHART_COLORS = {
  primary: '#c2410c', // $color-primary
  success: '#237804', // $color-success
  blue: '#4263eb', // $color-service-rest
  warning: '#ad4e00', // $color-warning
  purple: '#862e9c', // $color-service-legal
  teal: '#0b7285', // $color-service-hygiene
  pink: '#c2255c', // $color-service-care
  grey: '#495057', // $color-service-default
  text: '#595959', // $color-text-secondary
  line: '#d9d9d9', // $color-border
} as const;

/** Series colours in order. */
export const CHART_PALETTE: string[] = [CHART_COLORS.primary, CHART_COLORS.blue, CHART_COLORS.success, CHART_COLORS.warning, CHART_COLORS.purple, CHART_COLORS.teal, CHART_COLORS.pink, CHART_COLORS.grey];
