export default definePageConfig({
  navigationBarTitleText: '优惠结算',
});
