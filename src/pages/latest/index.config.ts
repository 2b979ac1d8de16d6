export default definePageConfig({
  navigationBarTitleText: '双周决策观察',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
})
