export default defineAppConfig({
  pages: [
    'pages/stations/index',
    'pages/wishes/index',
    'pages/benefits/index',
    'pages/me/index',
    'pages/login/index',
    'pages/privacy/index',
    // Scan to join: the join page must be in the main package, a scanned code opens it directly.
    'pages/join/index',
    'pages/join/status',
    'pages/card/index',
    'pages/card/transfer',
    // Stations: the detail page opens from the home tab, 我的活动 from 我的.
    'pages/station/detail',
    'pages/events/mine',
    // 消息: opened from 我的; its links lead into every package.
    'pages/messages/index',
  ],
  // Staff tools load only for staff, keeping the workers' main package small.
  subPackages: [
    {
      root: 'staff',
      pages: ['pages/home/index', 'pages/applications/index', 'pages/verify/index', 'pages/stats/index', 'pages/claims/index', 'pages/claim/index', 'pages/station/index', 'pages/station-events/index', 'pages/wish-screening/index', 'pages/wish-screen/index', 'pages/wish-handover/index', 'pages/wish-settings/index', 'pages/orgs/index', 'pages/staff/index', 'pages/org-import/index', 'pages/audit/index', 'pages/station-new/index', 'pages/redeem/index', 'pages/redemptions/index', 'pages/campaigns/index', 'pages/campaign-edit/index', 'pages/settlement/index', 'pages/ledger/index', 'pages/dashboard/index'],
    },
    // 我有事办 (claims): loaded when a worker opens it, so the main package does not carry it.
    {
      root: 'pages/claims',
      pages: ['index', 'new', 'detail', 'figures'],
    },
    // 微心愿 (post, detail, mine): the wall is the tab; everything behind it loads on first use.
    {
      root: 'pages/wish',
      pages: ['new', 'detail', 'mine'],
    },
    // 我的券 and a coupon's QR: behind the 优惠 tab, loaded on first use.
    {
      root: 'pages/benefit',
      pages: ['wallet', 'coupon'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    // Colours here are plain strings (no SCSS in app.json): each names the token of
    // src/styles/_tokens.scss it repeats, and test/tokens.test.ts fails when they drift.
    navigationBarBackgroundColor: '#ffffff', // $color-surface
    navigationBarTitleText: '暖新',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5', // $color-background
    // Explicit so the H5 build also shows the title bar with its back button.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#6b6b6b', // $color-text-tertiary
    selectedColor: '#c2410c', // $color-primary
    backgroundColor: '#ffffff', // $color-surface
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/stations/index', text: '驿站', iconPath: 'assets/tab/stations.png', selectedIconPath: 'assets/tab/stations-active.png' },
      { pagePath: 'pages/wishes/index', text: '心愿', iconPath: 'assets/tab/wishes.png', selectedIconPath: 'assets/tab/wishes-active.png' },
      { pagePath: 'pages/benefits/index', text: '优惠', iconPath: 'assets/tab/benefits.png', selectedIconPath: 'assets/tab/benefits-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  // WeChat privacy rules: declare the location APIs the stations finder will use and why.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': {
      desc: '用于查找离你最近的工会驿站，位置不会被保存',
    },
  },
  __usePrivacyCheck__: true,
});
