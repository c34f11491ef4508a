export default definePageConfig({
  navigationBarTitleText: '入会时效',
  enablePullDownRefresh: true,
});
