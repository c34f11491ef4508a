export default definePageConfig({
  navigationBarTitleText: '入会审批',
  enablePullDownRefresh: true,
});
