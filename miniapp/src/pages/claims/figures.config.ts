export default definePageConfig({
  navigationBarTitleText: '工会数据',
});
