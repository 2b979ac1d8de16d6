export default defineAppConfig({
  pages: ['pages/latest/index'],
  window: {
    navigationBarTitleText: '双周决策观察',
    navigationBarBackgroundColor: '#1d3557',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f7f5',
    backgroundTextStyle: 'dark',
  },
  // h5 only (app.json has no such key): page transitions would let screenshots and e2e checks
  // catch a page mid-slide.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
})
