import { readFileSync } from 'node:fs'
import path from 'node:path'

import { parseIssueText } from '@core/index'
import { renderIssueText } from '@core/issue-text/render'
import { ContentApi } from '@/services/content-api'
import { layoutPoster } from '@/services/drawing/poster'
import { EditorApi } from '@/services/editor-api'
import { auditDetailText, EditorDeskStore } from '@/stores/editor-desk-store'
import { editorErrorText } from '@/stores/editor-state'
import { EditorStore } from '@/stores/editor-store'
import { posterModel, PosterStore } from '@/stores/poster-store'

import {
  archive,
  contentService,
  detailOf,
  LARGE_ISSUE_ROUNDS,
  largeIssueText,
} from '../../fixtures/content'
import { readSampleIssue } from '../../fixtures/sample-issue'
import { publishService } from '../support/fake-functions'
import { FakePlatform, RecordingContext } from '../support/fake-platform'
import { FakeTransport } from '../support/fake-transport'

const DEMO_279 = readFileSync(path.resolve(__dirname, '../../../demo/issues/279.txt'), 'utf8')

function setup(options: { isEditor?: boolean; supportsFiles?: boolean } = {}) {
  const publish = publishService({
    isEditor: options.isEditor ?? true,
    supportsFiles: options.supportsFiles,
  })
  const qrcode = jest.fn((input: { action: string; id: string }) => ({
    ok: true as const,
    data: {
      fileID: `cloud://local/qrcodes/${input.id}.png`,
      scene: '1i7s',
      page: 'p',
      created: true,
    },
  }))
  const transport = new FakeTransport(contentService(archive(2)), {
    publish: publish.handler,
    qrcode,
    notify: () => ({ ok: true, data: { items: [] } }),
  })
  const platform = new FakePlatform('h5')
  const changed = jest.fn()
  const api = new EditorApi(transport)
  const desk = new EditorDeskStore(api, new ContentApi(transport), platform, {
    onContentChanged: changed,
  })
  const editor = new EditorStore(api, platform, {
    onContentChanged: () => {
      changed()
      desk.refresh()
    },
  })
  const posters = new PosterStore(api, platform)
  return { editor, desk, posters, publish, transport, platform, changed, qrcode }
}

describe('EditorStore', () => {
  it('shows the editor entry only to editors (the server decides)', async () => {
    const reader = setup({ isEditor: false })
    await reader.editor.checkEditor()
    expect(reader.editor.isEditor).toBe(false)
    expect(reader.editor.statusState.status).toBe('ready')
    const editor = setup()
    await editor.editor.checkEditor()
    expect(editor.editor.isEditor).toBe(true)
  })

  it('previews pasted text: masthead, contents by region, counts, warnings, and a new issue', async () => {
    const { editor } = setup()
    editor.setDraftText(readSampleIssue())
    expect(await editor.previewText()).toBe(true)
    const preview = editor.preview!
    expect(preview.parsed.issue.totalNumber).toBe(280)
    expect(preview.parsed.articles).toHaveLength(10)
    expect(editor.previewSections.map((s) => s.region)).toEqual([
      '区域',
      '上海',
      '广东',
      '北京',
      '江苏',
    ])
    expect(editor.isReplacement).toBe(false)
    expect(editor.previewArticle('i280-06')?.region).toBe('广东')
  })

  it('publishes once, then previews a corrected file as a replacement that keeps ids', async () => {
    const { editor, changed, transport } = setup()
    await editor.previewText(readSampleIssue())
    expect(await editor.publish()).toBe(true)
    expect(editor.published).toMatchObject({
      issueId: 'i280',
      firstPublish: true,
      jobCreated: true,
    })
    expect(changed).toHaveBeenCalledTimes(1)
    // What was previewed goes again, to be parsed on the server: no request grows with the issue.
    expect(transport.inputsOf('issues.publish')[0]).toEqual({
      fn: 'publish',
      action: 'issues.publish',
      text: readSampleIssue().trimEnd(),
    })
    await editor.previewText(readSampleIssue())
    expect(editor.isReplacement).toBe(true)
    expect(editor.preview).toMatchObject({ kept: 10, added: 0, existing: { published: true } })
    await editor.publish()
    expect(editor.published).toMatchObject({ replaced: true, jobCreated: false })
  })

  it('a replacement that removes articles asks first, then tells the server the count it confirmed', async () => {
    const { editor, transport } = setup()
    const parsed = parseIssueText(DEMO_279)
    if (!parsed.ok) throw new Error(parsed.error.message)
    const { issue, articles } = parsed.data
    await editor.previewText(DEMO_279)
    await editor.publish()
    await editor.previewText(renderIssueText(issue, articles.slice(0, 3)))
    const removing = articles.length - 3
    expect(editor.removedArticles.map((a) => a.title)).toEqual(
      articles.slice(3).map((a) => a.title),
    )
    expect(await editor.publish()).toBe(false)
    expect(editor.removalAsked).toBe(true)
    expect(await editor.publish(removing - 1)).toBe(false)
    expect(transport.countOf('issues.publish')).toBe(1)
    expect(await editor.publish(removing)).toBe(true)
    expect(transport.inputsOf('issues.publish')[1]).toMatchObject({ confirmRemoved: removing })
    // The same file again removes nothing more: a replacement says so with 0.
    await editor.previewText(renderIssueText(issue, articles.slice(0, 3)))
    expect(await editor.publish()).toBe(true)
    expect(transport.inputsOf('issues.publish')[2]).toMatchObject({ confirmRemoved: 0 })
  })

  it('says in one line what is wrong with a file that is not an issue', async () => {
    const { editor } = setup()
    expect(await editor.previewText('会议纪要：今天讨论了预算。')).toBe(false)
    expect(editorErrorText(editor.previewState.error)).toMatch(/^不是可识别的期刊文件：/)
    expect(await editor.previewText('   ')).toBe(false)
    expect(editorErrorText(editor.previewState.error)).toBe('先粘贴一期的导出文本')
  })

  it('uploads a picked file and previews it by file id when the server reads files', async () => {
    const { editor, platform, publish, transport } = setup({ supportsFiles: true })
    publish.files.set('cloud://local/uploads/file', DEMO_279)
    const ok = await editor.importFile({ name: '第5期.docx', size: 20_000, blob: new Blob(['x']) })
    expect(ok).toBe(true)
    expect(platform.uploads.map((f) => f.name)).toEqual(['第5期.docx'])
    expect(transport.inputsOf('issues.preview')).toEqual([
      {
        fn: 'publish',
        action: 'issues.preview',
        fileID: 'cloud://local/uploads/file',
        fileName: '第5期.docx',
      },
    ])
    expect(editor.source).toEqual({ kind: 'file', name: '第5期.docx' })
    expect(editor.preview?.parsed.issue.totalNumber).toBe(279)
    expect(editor.preview?.format).toBe('docx')
    expect(await editor.publish()).toBe(true)
    expect(transport.inputsOf('issues.publish')).toEqual([
      {
        fn: 'publish',
        action: 'issues.publish',
        fileID: 'cloud://local/uploads/file',
        fileName: '第5期.docx',
      },
    ])
    expect(editor.published).toMatchObject({
      issueId: 'i279',
      articleCount: editor.preview!.parsed.articles.length,
    })
  })

  it('reads a .txt on the device when the server cannot parse uploads yet; DOCX/PDF get a clear line', async () => {
    const { editor, platform } = setup({ supportsFiles: false })
    platform.textOfFile = DEMO_279
    expect(await editor.importFile({ name: '279.txt', size: 6000, blob: new Blob(['x']) })).toBe(
      true,
    )
    expect(editor.preview?.parsed.issue.id).toBe('i279')

    expect(await editor.importFile({ name: '279.pdf', size: 6000, blob: new Blob(['x']) })).toBe(
      false,
    )
    expect(editorErrorText(editor.previewState.error)).toContain('DOCX/PDF')
    expect(await editor.importFile({ name: 'big.pdf', size: 6 * 1024 * 1024 })).toBe(false)
    expect(editorErrorText(editor.previewState.error)).toContain('5 MB')
  })

  it('sends pasted text too large for one request up as a file, and publishes it by file id', async () => {
    const { editor, platform, publish, transport } = setup({ supportsFiles: true })
    const large = largeIssueText()
    publish.files.set('cloud://local/uploads/file', large)
    editor.setDraftText(`\n${large}\n`)
    expect(await editor.previewText()).toBe(true)
    expect(platform.uploads.map((f) => f.name)).toEqual(['粘贴的文本.txt'])
    expect(platform.textFiles).toEqual([{ name: '粘贴的文本.txt', text: `\n${large.trimEnd()}` }])
    expect(transport.inputsOf('issues.preview')).toEqual([
      expect.objectContaining({ fileID: 'cloud://local/uploads/file' }),
    ])
    expect(editor.source).toEqual({ kind: 'text', name: '粘贴的文本' })
    expect(editor.preview?.parsed.articles).toHaveLength(10 * LARGE_ISSUE_ROUNDS)
    expect(await editor.publish()).toBe(true)
    expect(transport.inputsOf('issues.publish')).toEqual([
      expect.objectContaining({ fileID: 'cloud://local/uploads/file' }),
    ])
    expect(editor.draftText).toBe('')
  })

  it('says why a large pasted text could not go up, rather than blaming its size', async () => {
    const { editor, platform, transport } = setup({ supportsFiles: true })
    platform.uploadResult = { ok: false, error: { code: 'unavailable', message: '网络不可用' } }
    platform.textOfFile = largeIssueText()
    expect(await editor.previewText(largeIssueText())).toBe(false)
    expect(editorErrorText(editor.previewState.error)).toBe('网络不可用，请稍后重试')
    expect(transport.inputsOf('issues.preview')).toEqual([])
  })

  it('refuses a non-editor on the server and says so', async () => {
    const { editor } = setup({ isEditor: false })
    await editor.previewText(readSampleIssue())
    expect(editorErrorText(editor.previewState.error)).toBe(
      '只有编辑可以执行这个操作：当前身份不在编辑名单中',
    )
  })

  it('unpublishes only after the editor confirms', async () => {
    const { editor, desk, platform, transport, changed } = setup()
    await editor.previewText(readSampleIssue())
    await editor.publish()
    platform.confirmAnswer = false
    expect(await desk.unpublish({ id: 'i280', year: 2024, number: 6 })).toBe(false)
    expect(transport.countOf('issues.unpublish')).toBe(0)
    platform.confirmAnswer = true
    changed.mockClear()
    expect(await desk.unpublish({ id: 'i280', year: 2024, number: 6 })).toBe(true)
    expect(platform.confirms).toEqual(['下线 2024 年第 6 期？', '下线 2024 年第 6 期？'])
    expect(desk.notice).toBe('已下线 2024 年第 6 期')
    // The reader's lists refresh, and the desk's own.
    expect(changed).toHaveBeenCalledTimes(1)
    expect(transport.countOf('audit.list')).toBeGreaterThan(0)
  })

  it('lists the audit log newest first, page by page', async () => {
    const { editor, desk } = setup()
    await editor.previewText(readSampleIssue())
    await editor.publish()
    await editor.publish()
    await desk.unpublish({ id: 'i280', year: 2024, number: 6 })
    await desk.loadAudit()
    expect(desk.audit.map((e) => e.action)).toEqual(['issues.unpublish', 'issues.replace'])
    expect(desk.auditCursor).not.toBeNull()
    await desk.loadMoreAudit()
    expect(desk.audit.map((e) => e.action)).toEqual([
      'issues.unpublish',
      'issues.replace',
      'issues.publish',
    ])
    expect(desk.auditCursor).toBeNull()
    expect(auditDetailText('10 articles; subscribers notified')).toBe('共 10 篇；通知订阅者')
    expect(auditDetailText('11 articles (10 kept their ids, 1 new)')).toBe(
      '共 11 篇（10 篇保留编号，新增 1 篇）',
    )
  })

  it('makes the QR poster and saves it as an image with the issue in its name', async () => {
    const { posters, platform } = setup()
    await posters.loadPoster('i280')
    expect(posters.qrcodeSrc('i280')).toBe('/storage/qrcodes/i280.png')
    const issue = detailOf(archive(1)[0].issue, archive(1)[0].articles)
    await posters.savePoster(issue)
    expect(platform.saved).toEqual([
      { image: 'wxfile://tmp/drawing-1.png', fileName: '双周决策观察-总第280期.png' },
    ])
    const drawn = platform.surfaces[1]
    expect(drawn.loaded).toEqual(['cloud://local/qrcodes/i280.png'])
    expect(drawn.ctx.images).toHaveLength(1)
    const texts = drawn.ctx.texts.map((t) => t.text)
    expect(texts).toContain('2024 年第 6 期（总第 280 期）')
    expect(texts).toContain('【广东】')
    expect(posters.posterNotice).toBe('海报图片已下载')

    platform.canDraw = false
    await posters.savePoster(issue)
    expect(posters.posterNotice).toContain('不能生成图片')
  })

  it('lays a poster out taller for more contents, titles wrapped to two lines', () => {
    const issue = detailOf(archive(1)[0].issue, archive(1)[0].articles)
    const model = posterModel(issue)
    const full = layoutPoster(new RecordingContext(), model)
    const short = layoutPoster(new RecordingContext(), {
      ...model,
      sections: model.sections.slice(0, 1),
    })
    expect(full.height).toBeGreaterThan(short.height)
    expect(full.qr.y + full.qr.size).toBeLessThan(full.height)
  })
})
