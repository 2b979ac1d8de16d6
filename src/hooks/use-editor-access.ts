import { useEffect } from 'react'

import { useStores } from '@/stores/context'

export type EditorAccess = 'checking' | 'editor' | 'denied' | 'error'

/**
 * Whether the editor pages may show their tools: asks the server once per page (it checks again
 * on every action). Call from an observer page.
 */
export function useEditorAccess(): EditorAccess {
  const { editor } = useStores()
  useEffect(() => {
    void editor.checkEditor()
  }, [editor])
  if (editor.isEditor) return 'editor'
  const { status } = editor.statusState
  if (status === 'error') return 'error'
  return status === 'ready' ? 'denied' : 'checking'
}
