export default definePageConfig({
  navigationBarTitleText: '我有事办',
});
