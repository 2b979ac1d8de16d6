export default defineAppConfig({
  // Tab pages stay in the main package; every other screen loads from a subpackage.
  pages: ['pages/latest/index', 'pages/regions/index', 'pages/search/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/reader',
      pages: ['issue/index', 'article/index', 'region/index'],
    },
    {
      // Editors only (the server checks every action); never preloaded for readers.
      root: 'packages/editor',
      pages: ['index/index', 'preview/index', 'article/index', 'poster/index', 'audit/index'],
    },
  ],
  // weapp: fetch the reader subpackage while the reader looks at a tab, so the first tap is instant.
  preloadRule: {
    'pages/latest/index': { network: 'all', packages: ['packages/reader'] },
  },
  window: {
    navigationBarTitleText: '双周决策观察',
    navigationBarBackgroundColor: '#1d3557',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f7f5',
    backgroundTextStyle: 'dark',
  },
  // Icons are drawn by config/tab-icons.ts.
  tabBar: {
    color: '#5c6570',
    selectedColor: '#1d3557',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/latest/index',
        text: '最新',
        iconPath: 'assets/tab/latest.png',
        selectedIconPath: 'assets/tab/latest-active.png',
      },
      {
        pagePath: 'pages/regions/index',
        text: '地区',
        iconPath: 'assets/tab/regions.png',
        selectedIconPath: 'assets/tab/regions-active.png',
      },
      {
        pagePath: 'pages/search/index',
        text: '搜索',
        iconPath: 'assets/tab/search.png',
        selectedIconPath: 'assets/tab/search-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  // weapp: inject only the components a page renders (WeChat's "按需注入", checked by the code audit).
  lazyCodeLoading: 'requiredComponents',
  // weapp: follow the system theme (pages also read it for their own colours).
  darkmode: true,
  // h5 only (app.json has no such key): page transitions would let screenshots and e2e checks
  // catch a page mid-slide.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
})
