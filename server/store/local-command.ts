import type {
  Command,
  Condition,
  DbCommand,
  DbRegExp,
} from '../../cloudfunctions/lib/ports/database'

/** A query or update operator made by the local `db.command`, read back by the query translator. */
export class LocalCommand implements DbCommand {
  constructor(
    readonly op: string,
    readonly args: unknown[],
  ) {}
}

export class LocalRegExp implements DbRegExp {
  constructor(
    readonly regexp: string,
    readonly options: string,
  ) {}
}

const make =
  (op: string) =>
  (...args: unknown[]): LocalCommand =>
    new LocalCommand(op, args)

/** The local `db.command`: same operator names and arguments as the SDK's. */
export const localCommand: Command = {
  eq: make('eq'),
  neq: make('neq'),
  lt: make('lt'),
  lte: make('lte'),
  gt: make('gt'),
  gte: make('gte'),
  in: make('in'),
  nin: make('nin'),
  exists: make('exists'),
  all: make('all'),
  and: (...conditions: Condition[]) => new LocalCommand('and', conditions),
  or: (...conditions: Condition[]) => new LocalCommand('or', conditions),
  inc: make('inc'),
  set: make('set'),
  remove: make('remove'),
}
