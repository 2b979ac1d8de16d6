import path from 'node:path'

import { defineConfig, type UserConfigExport } from '@tarojs/cli'

import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
const coreDir = path.resolve(root, 'core')

// Taro's script rule only transpiles src/ and @tarojs packages. core/ is TypeScript outside src/,
// and the MobX packages ship ES2015 (`class`, `const`): both must go through Babel so the
// mini-program bundle stays ES5 (the DevTools project compiles with es6: false).
// (Taro's config validator accepts paths and functions here, not RegExps.)
const transpiled = [
  coreDir,
  (file: string) => /[\\/]node_modules[\\/]mobx(-react-lite)?[\\/]/.test(file),
]

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shuangzhou-reader',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    framework: 'react',
    compiler: 'webpack5',
    // Build-time settings of src/config.ts, always defined: an undefined `process.env.TARO_APP_*`
    // would stay in the bundle as a reference to `process`, which neither WeChat nor browsers have.
    env: {
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      TARO_APP_NOTIFY_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_NOTIFY_TEMPLATE_ID ?? ''),
    },
    cache: { enable: true },
    alias: {
      '@': path.resolve(root, 'src'),
      '@core': coreDir,
    },
    plugins: [
      path.resolve(__dirname, 'plugins/dist-project-config.ts'),
      path.resolve(__dirname, 'plugins/aria-attributes.ts'),
    ],
    // weapp: the default share images (config/share-images.ts) ship as files of the reader
    // subpackage, because share `imageUrl`s are package paths, not bundled modules.
    copy: {
      patterns:
        process.env.TARO_ENV === 'weapp'
          ? [
              { from: 'src/packages/reader/assets/', to: 'dist/weapp/packages/reader/assets/' },
              // Tab icons are named by theme.json variables, which Taro does not follow.
              { from: 'src/assets/tab/', to: 'dist/weapp/assets/tab/' },
            ]
          : [],
      options: {},
    },
    mini: {
      compile: { include: transpiled },
      // Components' styles land in shared chunks in whatever order pages import them; the order
      // does not matter (one class per rule), so don't warn about it.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: transpiled },
      // Served from the site root by a plain static server; the hash router needs no rewrites.
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // src/index.html places the scripts itself: preloaded at once, run when app-boot says.
      htmlPluginOption: { inject: false },
      // Content hashes let the server cache assets forever; index.html stays unhashed.
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'chunk/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // Root font at most what a 375-wide phone gets: sizes are CSS px at 375 (body 17 px), and a
        // desktop window would otherwise scale them up to twice that (Taro's cap is 40 px).
        pxtransform: { enable: true, config: { maxRootSize: 20 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // A budget rather than webpack's 244 KiB default, which the framework floor alone exceeds
        // (React DOM + Taro components): warnings then flag real growth. The entry holds every
        // store (reader, reminders, launch router, editors' desk): about 549 KiB.
        chain.performance.maxEntrypointSize(576 * 1024).maxAssetSize(384 * 1024)
        // Taro's h5 default splits only initial chunks, so every lazily loaded page chunk gets its
        // own copy of MobX and the components. Split async chunks too, into shared named chunks.
        chain.optimization.splitChunks({
          chunks: 'all',
          minSize: 0,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            taro: {
              name: 'taro',
              test: /[\\/]node_modules[\\/]@tarojs[\\/]/,
              priority: 100,
            },
            vendors: {
              name: 'vendors',
              test: /[\\/]node_modules[\\/]/,
              priority: 10,
            },
            common: {
              name: 'common',
              minChunks: 2,
              priority: 1,
            },
          },
        })
      },
    },
  }

  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
