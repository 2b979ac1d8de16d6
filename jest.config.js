/**
 * Jest projects: `node` (core, cloud functions, scripts, server: fast), `dom` (the reader's stores, services and
 * components with the real Taro h5 components in jsdom), `weapp` (WeChat's compilers over the weapp
 * build, and the build run in the simulated mini-program runtime of scripts/weapp-runtime) and `e2e` (Chromium against the local server). `npx jest --selectProjects node dom` skips
 * the two slow ones.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2021',
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
]

const aliases = {
  '^@/(.*)$': '<rootDir>/src/$1',
  '^@core/(.*)$': '<rootDir>/core/$1',
}

const base = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: aliases,
  // Build outputs hold copies of package.json files that would collide in Jest's module map.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/cloudfunctions/build/'],
}

module.exports = {
  testTimeout: 20000,
  projects: [
    {
      ...base,
      displayName: 'node',
      testEnvironment: 'node',
      // Everything under tests/ except the reader's own projects below.
      testMatch: ['<rootDir>/tests/**/*.test.{ts,tsx}'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/tests/src/',
        '<rootDir>/tests/e2e/',
        '<rootDir>/tests/weapp/',
      ],
      // pdfjs-dist (the PDF importer) ships ESM only: transpile it, and nothing else of node_modules.
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: ['/node_modules/(?!pdfjs-dist/)'],
    },
    {
      ...base,
      displayName: 'dom',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/src/**/*.test.{ts,tsx}'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/src/weapp-compiles.test.ts'],
      // Taro and its components ship ESM (.mjs too): transpile node_modules as well.
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: [],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
      moduleNameMapper: {
        ...aliases,
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '^@tarojs/taro$': '<rootDir>/tests/src/support/taro-shim.ts',
        '\\.(css|scss)$': '<rootDir>/tests/src/support/style-stub.ts',
        '\\.png$': '<rootDir>/tests/src/support/file-stub.ts',
      },
      setupFiles: ['<rootDir>/tests/src/support/taro-globals.ts'],
    },
    {
      ...base,
      displayName: 'weapp',
      testEnvironment: 'node',
      // WeChat's compilers over the build, and the build run in the mini-program harness.
      testMatch: [
        '<rootDir>/tests/src/weapp-compiles.test.ts',
        '<rootDir>/tests/weapp/**/*.test.ts',
      ],
    },
    {
      ...base,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
    },
  ],
}
