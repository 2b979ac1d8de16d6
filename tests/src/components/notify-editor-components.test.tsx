import { ConsentDialog } from '@/components/consent-dialog'
import { JobRow } from '@/components/job-row'
import { LandingNotice } from '@/components/landing-notice'
import { PosterCard } from '@/components/poster-card'
import { RemindButton } from '@/components/remind-button'
import { SinglePageHint } from '@/components/single-page-hint'
import { SubscribeCard } from '@/components/subscribe-card'
import { WarningList } from '@/components/warning-list'

import { byText, render, tap } from '../support/render'

describe('reminder components', () => {
  it('ConsentDialog offers 允许, 拒绝 and 总是拒绝 with WeChat’s answers', () => {
    const answers: string[] = []
    const { container, unmount } = render(
      <ConsentDialog item="新一期发布提醒" onAnswer={(a) => answers.push(a)} />,
    )
    tap(byText(container, '允许'))
    tap(byText(container, '拒绝'))
    tap(byText(container, '总是拒绝'))
    expect(answers).toEqual(['accept', 'reject', 'ban'])
    expect(container.textContent).toContain('新一期发布提醒')
    unmount()
  })

  it('RemindButton shows the count, the outcome line and 去设置 for a standing no', () => {
    const tapRemind = jest.fn()
    const settings = jest.fn()
    const { container, unmount } = render(
      <RemindButton
        onTap={tapRemind}
        summary="接下来 2 期发布时会通知你"
        note={{
          text: '你已选择总是拒绝这类提醒，可在设置中重新打开',
          tone: 'info',
          canOpenSettings: true,
        }}
        onOpenSettings={settings}
      />,
    )
    expect(container.textContent).toContain('接下来 2 期发布时会通知你')
    tap(container.querySelector('.remind-button'))
    tap(byText(container, '去设置'))
    expect(tapRemind).toHaveBeenCalledTimes(1)
    expect(settings).toHaveBeenCalledTimes(1)
    unmount()
  })

  it('RemindButton does not ask twice while busy', () => {
    const tapRemind = jest.fn()
    const { container, unmount } = render(<RemindButton onTap={tapRemind} busy />)
    tap(container.querySelector('.remind-button'))
    expect(tapRemind).not.toHaveBeenCalled()
    expect(container.textContent).toContain('新一期发布时通知我')
    unmount()
  })

  it('SubscribeCard offers 停止提醒 only while notifications are pending', () => {
    const cancel = jest.fn()
    const on = render(<SubscribeCard remaining={1} onSubscribe={() => {}} onCancel={cancel} />)
    tap(byText(on.container, '停止提醒'))
    expect(cancel).toHaveBeenCalledTimes(1)
    expect(on.container.textContent).toContain('1 期')
    on.unmount()
    const off = render(<SubscribeCard remaining={0} onSubscribe={() => {}} onCancel={cancel} />)
    expect(byText(off.container, '停止提醒')).toBeNull()
    expect(byText(off.container, '订阅更新提醒')).not.toBeNull()
    off.unmount()
  })

  it('LandingNotice is one line that can be dismissed', () => {
    const close = jest.fn()
    const { container, unmount } = render(
      <LandingNotice text="链接或二维码无法识别，已为你打开最新一期" onClose={close} />,
    )
    tap(byText(container, '知道了'))
    expect(close).toHaveBeenCalled()
    unmount()
  })

  it('SinglePageHint points to the full mini-program', () => {
    const { container, unmount } = render(
      <SinglePageHint issueLine="《双周决策观察》2024 年第 6 期" />,
    )
    expect(container.textContent).toContain('前往小程序')
    unmount()
  })
})

describe('editor components', () => {
  it('WarningList shows every warning, or a calm line when there is none', () => {
    const many = render(
      <WarningList
        warnings={[
          { code: 'toc-mismatch', message: '目录标题与正文不一致：第 3 篇' },
          { code: 'no-source', message: '第 7 篇没有来源行' },
        ]}
      />,
    )
    expect(many.container.querySelectorAll('.warning-list__item')).toHaveLength(2)
    many.unmount()
    const none = render(<WarningList warnings={[]} />)
    expect(none.container.textContent).toBe('没有需要注意的地方')
    none.unmount()
  })

  it('JobRow shows counts per outcome and resumes a paused job', () => {
    const resume = jest.fn()
    const { container, unmount } = render(
      <JobRow
        title="2024 年第 6 期"
        status="已暂停"
        paused
        pauseReason="47003 template data out of range"
        total={120}
        counts={{ sent: 80, failed: 2, noGrant: 5, unknown: 1, retried: 3 }}
        onResume={resume}
      />,
    )
    expect(container.textContent).toContain(
      '共 120 人 · 已发送 80 · 失败 2 · 无授权 5 · 结果未知 1',
    )
    tap(byText(container, '恢复发送'))
    expect(resume).toHaveBeenCalled()
    unmount()
  })

  it('PosterCard prints the cover line, contents by region and the QR code', () => {
    const { container, unmount } = render(
      <PosterCard
        title="双周决策观察"
        subtitle="地方工作亮点追踪"
        numberLine="2024 年第 6 期（总第 280 期）"
        dateLine="2024 年 3 月 28 日印发"
        sections={[{ region: '广东', titles: ['深圳推动高端装备产业集群高质量发展'] }]}
        qrSrc="/storage/qrcodes/1i7s.png"
        caption="微信扫码，阅读本期全文"
      />,
    )
    expect(container.textContent).toContain('【广东】')
    expect(container.querySelector('.poster-card__qr')?.getAttribute('src')).toBe(
      '/storage/qrcodes/1i7s.png',
    )
    unmount()
  })
})
