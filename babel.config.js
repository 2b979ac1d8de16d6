// babel-preset-taro targets iOS 9 / Android 5 unless a browserslist is present, which keeps the
// mini-program bundle ES5. Project-wide config (not .babelrc) so it also applies to node_modules
// packages listed in compile.include.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
