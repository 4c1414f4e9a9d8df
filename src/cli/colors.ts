import { Chalk, supportsColorStderr, type ChalkInstance } from "chalk";

/**
 * Colours for standard error. chalk decides by the stream (a TTY or not) and FORCE_COLOR, but it
 * ignores NO_COLOR (no-color.org), and it colours some CI logs even through a pipe. Here: FORCE_COLOR
 * wins (as in Node itself), then NO_COLOR, then only a terminal gets colours.
 */
export function stderrColors(env: NodeJS.ProcessEnv = process.env, isTTY = process.stderr.isTTY === true): ChalkInstance {
  return new Chalk({ level: colorLevel(env, isTTY) });
}

function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  const detected = supportsColorStderr ? supportsColorStderr.level : 0;
  if (env.FORCE_COLOR !== undefined) return detected;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  return isTTY ? detected : 0;
}
