export default definePageConfig({
  navigationBarTitleText: '会员优惠',
});
