// Build-time constants Taro's webpack plugin defines; the h5 runtime reads them as globals.
const g = globalThis as Record<string, unknown>
Object.assign(g, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  IS_REACT_ACT_ENVIRONMENT: true,
})
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
// Page and app configs call these build-time macros; at run time they hand the config back.
Object.assign(g, {
  definePageConfig: <T>(config: T): T => config,
  defineAppConfig: <T>(config: T): T => config,
})
