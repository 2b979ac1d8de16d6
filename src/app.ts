import { createElement, type PropsWithChildren } from 'react'

import { RootStore } from '@/stores/root-store'
import { StoresContext } from '@/stores/context'

import './app.scss'

// One store tree for the app's lifetime; pages reach it through useStores().
const rootStore = new RootStore()

function App({ children }: PropsWithChildren) {
  return createElement(StoresContext.Provider, { value: rootStore }, children)
}

export default App
