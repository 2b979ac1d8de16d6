/**
 * The send-message port: `cloud.openapi.subscribeMessage.send` in production (needs
 * `permissions.openapi: ["subscribeMessage.send"]` in config.json), a stand-in locally with the same
 * parameters and error codes.
 */
export interface SubscribeMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState?: 'developer' | 'trial' | 'formal'
}

/** errCode 0 on success. Rejects when no answer came back (timeout, network): outcome unknown. */
export interface SendApi {
  send(message: SubscribeMessage): Promise<{ errCode: number; errMsg: string }>
}

/** The error classes the worker acts on. */
export const PERMANENT_ERRORS = new Set([43101, 40003])
export const CONFIG_ERRORS = new Set([47003, 40037, 41030])
export const RETRYABLE_ERRORS = new Set([45009, -1])
