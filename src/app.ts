import Taro from '@tarojs/taro'
import { createElement, type PropsWithChildren } from 'react'

import { CLOUD_ENV } from '@/config'
import { NOTICE_UNKNOWN_PAGE, unknownRoute } from '@/services/entry'
import { ALL_PAGES, LATEST_TAB } from '@/services/routes'
import { watchSystemDark } from '@/services/system-theme'
import { enableWeappAria } from '@/services/weapp-aria'
import { StoresContext } from '@/stores/context'
import { RootStore } from '@/stores/root-store'

import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  enableWeappAria()
  // Functions run in the project's default cloud environment unless TARO_APP_CLOUD_ENV names one.
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: false } : { traceUser: false })
}

// One store tree for the app's lifetime; pages reach it through useStores().
const rootStore = new RootStore()

watchSystemDark((dark) => rootStore.settings.setSystemDark(dark))

if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
  // A link to a page the app does not have lands on 最新 with a notice, not on a blank page.
  if (unknownRoute(window.location.hash, ALL_PAGES)) {
    rootStore.launch.setNotice(NOTICE_UNKNOWN_PAGE)
    window.history.replaceState(null, '', `${window.location.pathname}#${LATEST_TAB}`)
  }
}

function App({ children }: PropsWithChildren) {
  return createElement(StoresContext.Provider, { value: rootStore }, children)
}

export default App
