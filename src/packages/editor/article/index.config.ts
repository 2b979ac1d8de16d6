export default definePageConfig({
  navigationBarTitleText: '文章预览',
})
