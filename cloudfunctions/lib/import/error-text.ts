/** The first line of an error's message, short enough for a one-line reason. */
export const firstLine = (e: unknown): string =>
  String(e instanceof Error ? e.message : e)
    .split('\n')[0]
    .slice(0, 120)
