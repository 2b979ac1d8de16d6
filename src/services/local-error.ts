import type { ApiError } from '@core/api/response'

/** A problem found on the device, already worded for the editor: shown as it is. */
export type LocalError = ApiError & { plain?: true }

export const localError = (message: string): LocalError => ({
  code: 'invalid_argument',
  message,
  plain: true,
})
