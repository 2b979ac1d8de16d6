import theme from './theme.json'

type ThemeKey = keyof (typeof theme)['light']

/** A theme value: an `@` variable of theme.json on weapp, the light value on h5. */
const themed = (key: ThemeKey): string =>
  process.env.TARO_ENV === 'weapp' ? `@${key}` : theme.light[key]

const TAB_TEXT = { latest: '最新', regions: '地区', search: '搜索', me: '我的' }

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
  // weapp: colours and icons of the window and tab bar come from theme.json by `@` variable, so
  // WeChat switches them with the system theme before any page runs. h5 has no theme.json: it
  // starts light and services/chrome.ts applies the same theme.json values for the theme in effect.
  window: {
    navigationBarTitleText: '双周决策观察',
    navigationBarBackgroundColor: '#1d3557',
    navigationBarTextStyle: 'white',
    backgroundColor: themed('windowBackground'),
    backgroundTextStyle: themed('backgroundTextStyle') as 'dark',
  },
  // Icons are drawn by config/tab-icons.ts.
  tabBar: {
    color: themed('tabColor'),
    selectedColor: themed('tabSelectedColor'),
    backgroundColor: themed('tabBackground'),
    borderStyle: themed('tabBorder') as 'black',
    list: (['latest', 'regions', 'search', 'me'] as const).map((tab) => ({
      pagePath: `pages/${tab}/index`,
      text: TAB_TEXT[tab],
      iconPath: themed(`${tab}Icon`),
      selectedIconPath: themed(`${tab}ActiveIcon`),
    })),
  },
  // weapp: inject only the components a page renders (WeChat's "按需注入", checked by the code audit).
  lazyCodeLoading: 'requiredComponents',
  ...(process.env.TARO_ENV === 'weapp' ? { themeLocation: 'theme.json' } : {}),
  // weapp: follow the system theme (pages also read it for their own colours).
  darkmode: true,
  // h5 only (app.json has no such key): page transitions would let screenshots and e2e checks
  // catch a page mid-slide.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
})
