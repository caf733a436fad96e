import { describe, expect, it } from 'vitest';
import { createProcessLauncher } from './launcher.js';

describe('createProcessLauncher', () => {
  // Long enough for a loaded machine to start node and let it exit: an exit resolves at once anyway.
  const launcher = createProcessLauncher({ settleMs: 5000 });

  it('starts a program that keeps running', async () => {
    const quick = createProcessLauncher({ settleMs: 300 });
    const result = await quick.launch([process.execPath, '-e', 'setTimeout(() => {}, 10000)']);
    expect(result.kind).toBe('started');
    if (result.kind === 'started') process.kill(result.pid);
  });

  it('reports a program that is not installed', async () => {
    expect(await launcher.launch(['koompi-no-such-app'])).toEqual({ kind: 'not-found', command: 'koompi-no-such-app' });
  });

  it('reports a program that stops at once, with its exit code', async () => {
    expect(await launcher.launch([process.execPath, '-e', 'process.exit(3)'])).toEqual({
      kind: 'exited',
      code: 3,
      signal: null,
    });
  });

  it('passes text as one argument, never through a shell', async () => {
    const result = await launcher.launch([
      process.execPath,
      '-e',
      'process.exit(process.argv[1] === "$(rm -rf ~); x" ? 4 : 5)',
      '$(rm -rf ~); x',
    ]);
    expect(result).toMatchObject({ kind: 'exited', code: 4 });
  });
});
