export default definePageConfig({
  navigationBarTitleText: '本期目录',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
