import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the child once its output (stdout and stderr, where piped) contains `ready`; rejects with the end of
 * that output if it exits first. Output after `ready` is not kept.
 */
export function untilReady(child: ChildProcess, ready: string, name: string): Promise<ChildProcess> {
  let output = '';
  let isReady = false;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (isReady) return;
      output = (output + chunk.toString()).slice(-3_000);
      if (!output.includes(ready)) return;
      isReady = true;
      setImmediate(() => resolve(child));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
  });
}
