export default definePageConfig({
  navigationBarTitleText: '会员转移',
});
