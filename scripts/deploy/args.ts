import { DeployError } from './errors'

/** A cloud environment id as the console shows it. */
export const ENV_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/

/** One word of a command line, and the word after it when the option takes a value. */
export interface CommandOption {
  name: string
  /** The next word; a missing one (or another option) stops the command with one line. */
  value: () => string
}

/** The words of `argv` in order; a word taken by `value()` is not yielded again. */
export function* commandOptions(argv: readonly string[]): Generator<CommandOption> {
  let i = 0
  while (i < argv.length) {
    const name = argv[i++]
    yield {
      name,
      value: () => {
        const v = argv[i++]
        if (v === undefined || v.startsWith('--')) throw new DeployError(`${name} 后面缺少值`)
        return v
      },
    }
  }
}
