export default definePageConfig({
  navigationBarTitleText: '工会驿站',
});
