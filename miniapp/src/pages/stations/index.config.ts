export default definePageConfig({
  navigationBarTitleText: '工会驿站',
  enablePullDownRefresh: true,
});
