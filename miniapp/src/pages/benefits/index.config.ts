export default definePageConfig({
  navigationBarTitleText: '会员优惠',
  enablePullDownRefresh: true,
});
