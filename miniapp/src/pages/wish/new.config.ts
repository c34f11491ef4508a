export default definePageConfig({
  navigationBarTitleText: '发心愿',
});
