export default definePageConfig({
  navigationBarTitleText: '优惠活动',
});
