export default definePageConfig({
  navigationBarTitleText: '双周决策观察',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
