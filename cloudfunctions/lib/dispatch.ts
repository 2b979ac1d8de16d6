import type { SafeParseReturnType, ZodError } from 'zod'
import type { ApiResponse, ErrorCode } from '../../core/api/response'
import { MAX_BODY_BYTES } from '../../core/api/response'
import type { CallContext } from './ports/context'

/** A failure a handler reports to the caller (as opposed to a bug, which becomes `internal`). */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export type Handlers<I extends { action: string }, D> = {
  [A in I['action']]: (
    input: Extract<I, { action: A }>,
    ctx: CallContext,
    deps: D,
  ) => Promise<unknown>
}

export const describeZodError = (error: ZodError): string => {
  const issue = error.issues[0]
  const field = issue.path.join('.') || 'input'
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')}`
  return `${field}: ${issue.message}`
}

/** The request's size as JSON, or null when it is nested too deeply to write out. */
const byteLength = (value: unknown): number | null => {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')
  } catch {
    return null
  }
}

/**
 * A function entry: checks size, validates `{ action, ...input }` with the schema, dispatches on the
 * typed handler map and answers `{ ok, data }` or `{ ok: false, error }` — it never throws.
 */
export function createFunction<I extends { action: string }, D>(
  schema: { safeParse(value: unknown): SafeParseReturnType<unknown, I> },
  handlers: Handlers<I, D>,
) {
  const actions = new Set(Object.keys(handlers))
  return async (event: unknown, ctx: CallContext, deps: D): Promise<ApiResponse<unknown>> => {
    const size = byteLength(event)
    if (size === null)
      return {
        ok: false,
        error: { code: 'invalid_argument', message: 'the request is nested too deeply' },
      }
    if (size > MAX_BODY_BYTES)
      return {
        ok: false,
        error: { code: 'payload_too_large', message: `request over ${MAX_BODY_BYTES / 1024} KB` },
      }
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return {
        ok: false,
        error: { code: 'invalid_argument', message: 'the request must be an object' },
      }
    const action = (event as { action?: unknown }).action
    if (typeof action !== 'string' || !actions.has(action))
      return {
        ok: false,
        error: {
          code: 'not_found',
          message: `unknown action ${typeof action === 'string' ? action.slice(0, 40) : String(action)}`,
        },
      }
    const parsed = schema.safeParse(event)
    if (!parsed.success)
      return {
        ok: false,
        error: { code: 'invalid_argument', message: describeZodError(parsed.error) },
      }
    try {
      const handler = handlers[parsed.data.action as I['action']] as (
        i: I,
        c: CallContext,
        d: D,
      ) => Promise<unknown>
      return { ok: true, data: await handler(parsed.data, ctx, deps) }
    } catch (e) {
      if (e instanceof ApiFailure) return { ok: false, error: { code: e.code, message: e.message } }
      console.error(`${action} failed:`, e)
      return { ok: false, error: { code: 'internal', message: 'the service failed; try again' } }
    }
  }
}
