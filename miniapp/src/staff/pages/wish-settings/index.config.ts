export default definePageConfig({
  navigationBarTitleText: '心愿设置与统计',
  enablePullDownRefresh: true,
});
