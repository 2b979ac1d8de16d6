import { ContentApi } from '@/services/content-api'
import { createTaroStorage, type KeyValueStorage } from '@/services/storage'
import { createPlatformTransport, type Transport } from '@/services/transport'

import { ArticlesStore } from './articles-store'
import { IssuesStore } from './issues-store'
import { LibraryStore } from './library-store'
import { RegionsStore } from './regions-store'
import { SearchStore } from './search-store'
import { SettingsStore } from './settings-store'

export interface RootStoreDeps {
  transport?: Transport
  storage?: KeyValueStorage
  now?: () => number
}

/** Root of the store tree: builds every domain store over one API client and one storage. */
export class RootStore {
  readonly api: ContentApi
  readonly issues: IssuesStore
  readonly articles: ArticlesStore
  readonly regions: RegionsStore
  readonly search: SearchStore
  readonly library: LibraryStore
  readonly settings: SettingsStore

  constructor(deps: RootStoreDeps = {}) {
    const storage = deps.storage ?? createTaroStorage()
    this.api = new ContentApi(deps.transport ?? createPlatformTransport())
    this.issues = new IssuesStore(this.api, storage)
    this.articles = new ArticlesStore(this.api, storage)
    this.regions = new RegionsStore(this.api, storage)
    this.search = new SearchStore(this.api, storage)
    this.library = new LibraryStore(storage, deps.now)
    this.settings = new SettingsStore(storage)
  }

  /** Opens an article for reading: loads it (cache first when offline) and records it in the history. */
  async readArticle(id: string): Promise<void> {
    await this.articles.loadArticle(id)
    const detail = this.articles.articles.get(id)
    if (detail) this.library.recordRead(detail)
  }

  /** Stops every persistence reaction. */
  dispose(): void {
    this.articles.dispose()
    this.search.dispose()
    this.library.dispose()
    this.settings.dispose()
  }
}
