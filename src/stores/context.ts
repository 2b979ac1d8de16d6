import { createContext, useContext } from 'react'

import type { RootStore } from './root-store'

/** Carries the app's single RootStore; provided once in src/app.ts. */
export const StoresContext = createContext<RootStore | null>(null)

/** Returns the RootStore; throws if a component renders outside the app's provider. */
export function useStores(): RootStore {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores() called outside StoresContext.Provider')
  return stores
}
