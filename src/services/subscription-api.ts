import type { ApiResponse } from '@core/api/response'
import type { SubscriptionResults } from '@core/api/subscription'

import { safeCall, type Transport } from './transport'

/** What `requestSubscribeMessage` resolves with: an answer per template id, and errMsg. */
export type SubscribeResult = Record<string, string>

/** Typed calls of the `subscription` function: the caller's own one-time grants. */
export class SubscriptionApi {
  constructor(private readonly transport: Transport) {}

  /** Records the consent answer; the server counts a grant only for `accept`. */
  grant(
    templateId: string,
    result: SubscribeResult,
  ): Promise<ApiResponse<SubscriptionResults['subscription.grant']>> {
    return safeCall<'subscription', 'subscription.grant'>(this.transport, 'subscription', {
      action: 'subscription.grant',
      templateId,
      result,
    })
  }

  status(): Promise<ApiResponse<SubscriptionResults['subscription.status']>> {
    return safeCall<'subscription', 'subscription.status'>(this.transport, 'subscription', {
      action: 'subscription.status',
    })
  }

  cancel(): Promise<ApiResponse<SubscriptionResults['subscription.cancel']>> {
    return safeCall<'subscription', 'subscription.cancel'>(this.transport, 'subscription', {
      action: 'subscription.cancel',
    })
  }
}
