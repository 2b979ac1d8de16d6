import { NOTIFY_TEMPLATE_ID } from '@/config'
import { ContentApi } from '@/services/content-api'
import { EditorApi } from '@/services/editor-api'
import { localOpenid } from '@/services/local-identity'
import { createPlatform, type Platform, type SubscribePort } from '@/services/platform'
import { createWeappSubscribePort } from '@/services/platform/weapp'
import { createTaroStorage, type KeyValueStorage } from '@/services/storage'
import { SubscriptionApi } from '@/services/subscription-api'
import { readSystemFontSize } from '@/services/system-font'
import { createPlatformTransport } from '@/services/platform-transport'
import type { Transport } from '@/services/transport'

import { ArticlesStore } from './articles-store'
import { ConsentStore } from './consent-store'
import { EditorDeskStore } from './editor-desk-store'
import { EditorStore } from './editor-store'
import { IssuesStore } from './issues-store'
import { LaunchStore } from './launch-store'
import { LibraryStore } from './library-store'
import { PosterStore } from './poster-store'
import { RegionsStore } from './regions-store'
import { SearchStore } from './search-store'
import { SettingsStore } from './settings-store'
import { ShareStore } from './share-store'
import { SubscriptionStore } from './subscription-store'

export interface RootStoreDeps {
  transport?: Transport
  storage?: KeyValueStorage
  now?: () => number
  platform?: Platform
  /** The consent step; h5 (and tests by default) use the simulated dialog of `consent`. */
  subscribePort?: SubscribePort
  templateId?: string
  /** The system's text size in px (tests); read from WeChat or the browser otherwise. */
  systemFontSize?: number | null
}

/** Root of the store tree: builds every domain store over one transport, one storage, one platform. */
export class RootStore {
  readonly api: ContentApi
  readonly platform: Platform
  /** The identity the h5 build sends as `x-wx-openid`; null on weapp (WeChat supplies the OPENID). */
  readonly localOpenid: string | null
  readonly issues: IssuesStore
  readonly articles: ArticlesStore
  readonly regions: RegionsStore
  readonly search: SearchStore
  readonly library: LibraryStore
  readonly settings: SettingsStore
  readonly consent: ConsentStore
  readonly subscription: SubscriptionStore
  readonly launch: LaunchStore
  readonly share: ShareStore
  readonly editor: EditorStore
  readonly desk: EditorDeskStore
  readonly posters: PosterStore

  constructor(deps: RootStoreDeps = {}) {
    const storage = deps.storage ?? createTaroStorage()
    this.localOpenid = process.env.TARO_ENV === 'weapp' ? null : localOpenid(storage)
    const openid = () => this.localOpenid
    const transport = deps.transport ?? createPlatformTransport(openid)
    this.platform = deps.platform ?? createPlatform(openid)
    this.api = new ContentApi(transport)
    // A `not_found` from the server removes the thing from every cache and marks the reader's
    // favourites and history of it as withdrawn.
    this.issues = new IssuesStore(this.api, storage, {
      issueGone: (issueId) => this.forgetArticles((_, issue) => issue === issueId),
      articlesGone: (ids) => {
        const gone = new Set(ids)
        this.forgetArticles((id) => gone.has(id))
      },
    })
    this.articles = new ArticlesStore(this.api, storage, (id, known) => {
      const issueId = known?.issue.id ?? this.library.history.get(id)?.issueId
      if (issueId) this.issues.forgetArticle(issueId, id)
      this.forgetArticles((articleId) => articleId === id)
    })
    this.regions = new RegionsStore(this.api, storage)
    this.search = new SearchStore(this.api, storage)
    this.library = new LibraryStore(storage, deps.now)
    this.settings = new SettingsStore(storage)
    this.settings.setSystemFontSize(
      deps.systemFontSize !== undefined ? deps.systemFontSize : readSystemFontSize(),
    )
    this.consent = new ConsentStore(storage)
    const subscribePort =
      deps.subscribePort ??
      (process.env.TARO_ENV === 'weapp' ? createWeappSubscribePort() : this.consent)
    this.subscription = new SubscriptionStore(
      new SubscriptionApi(transport),
      subscribePort,
      deps.templateId ?? NOTIFY_TEMPLATE_ID,
    )
    this.launch = new LaunchStore()
    this.share = new ShareStore(this.platform)
    const editorApi = new EditorApi(transport)
    this.desk = new EditorDeskStore(editorApi, this.api, this.platform, {
      onContentChanged: () => void this.issues.refresh(),
    })
    this.editor = new EditorStore(editorApi, this.platform, {
      onContentChanged: () => {
        void this.issues.refresh()
        this.desk.refresh()
      },
    })
    this.posters = new PosterStore(editorApi, this.platform)
  }

  /** Opens an article for reading: loads it (cache first when offline) and records it in the history. */
  async readArticle(id: string): Promise<void> {
    await this.articles.loadArticle(id)
    const detail = this.articles.articles.get(id)
    if (!detail) return
    this.library.recordRead(detail)
    this.library.restore(detail)
  }

  /** Stops every persistence reaction. */
  /**
   * Drops the articles the server no longer has (withdrawn, or gone from a replaced issue) from
   * every cache and list, and marks the reader's favourites and history of them as withdrawn.
   */
  private forgetArticles(match: (articleId: string, issueId: string) => boolean): void {
    this.articles.forget((d) => match(d.article.id, d.issue.id))
    this.regions.forgetArticles((a) => match(a.id, a.issueId))
    this.search.forgetHits((h) => match(h.id, h.issueId))
    this.library.markWithdrawn((e) => match(e.id, e.issueId))
  }

  dispose(): void {
    this.articles.dispose()
    this.search.dispose()
    this.library.dispose()
    this.settings.dispose()
  }
}
