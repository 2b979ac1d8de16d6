import { makeAutoObservable } from 'mobx'

/** Root of the store tree: owns every domain store so pages reach them through one context. */
export class RootStore {
  /** Masthead lines; fixed by the publication, shown above every issue. */
  title = '双周决策观察'
  tagline = '地方工作亮点追踪'

  constructor() {
    makeAutoObservable(this)
  }

  /** Both masthead lines joined, e.g. for share titles. */
  get mastheadText(): string {
    return `${this.title} · ${this.tagline}`
  }
}
