export default definePageConfig({
  navigationBarTitleText: '地区',
  enablePullDownRefresh: true,
})
