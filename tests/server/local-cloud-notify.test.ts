import { createLocalCloud, LOCAL_TEMPLATE_ID } from '../../server/local-cloud'
import { MESSAGES } from '../../server/stand-ins/subscribe-message-api'
import { demoParsed } from '../fixtures/published-store'

describe('the local cloud’s notification runs', () => {
  it('starts the worker from a publish and from its timer, with the call chains WeChat gives them', async () => {
    const cloud = createLocalCloud(null, ['editor-1'])
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const now = () => new Date()
    const granted = await cloud.functions.subscription(
      {
        action: 'subscription.grant',
        templateId: LOCAL_TEMPLATE_ID,
        result: { [LOCAL_TEMPLATE_ID]: 'accept', errMsg: 'requestSubscribeMessage:ok' },
      },
      { openid: 'reader-1', now },
    )
    expect(granted.ok).toBe(true)
    const [{ issue, articles }] = demoParsed()
    const published = await cloud.functions.publish(
      { action: 'issues.publish', parsed: { issue, articles } },
      { openid: 'editor-1', now, source: 'wx_client' },
    )
    expect(published.ok && published.data).toMatchObject({ jobCreated: true })
    // The publish kick runs now; a timer tick meanwhile waits for it.
    await cloud.kickNotify()
    await cloud.kickNotify()
    const { data: messages } = await cloud.db
      .collection<{ _id: string; touser: string }>(MESSAGES)
      .get()
    expect(messages.map((m) => m.touser)).toEqual(['reader-1'])
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })
})
