// The native Qt/libuv pump (bindings/qt/shim/qode_shim.cpp), exercised in real
// Node processes running real Qt windows offscreen.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';

const fixture = (name: string) => path.join(repoRoot, 'bindings', 'qt', 'test', 'fixtures', name);

describe('Qt event pump on stock Node', () => {
  it('keeps Node timers and I/O running while a modal dialog is open', () => {
    const r = runNode([fixture('modal.mjs')], offscreenEnv());
    expect(r.status, r.stderr).toBe(0);
    const out = lastJson<{ ticksDuringModal: number; fetchDuringModal: string | null; execReturned: boolean }>(
      r.stdout,
    );
    expect(out.execReturned).toBe(true);
    // a 20 ms interval over a 600 ms modal: a frozen loop would give 0 or 1
    expect(out.ticksDuringModal).toBeGreaterThanOrEqual(10);
    expect(out.fetchDuringModal).toBe('pong');
  });

  it('settles promises and nextTicks queued by JavaScript that Qt called', () => {
    const r = runNode([fixture('qt-to-js.mjs')], offscreenEnv());
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson<string[]>(r.stdout)).toEqual(['nextTick', 'microtask', 'queued']);
  });

  it("makes an exception thrown in a nextTick queued by Qt-called JS Node's uncaught exception", () => {
    const handled = runNode([fixture('throw-in-tick.mjs')], offscreenEnv());
    expect(handled.signal).toBeNull();
    expect(handled.status, handled.stderr).toBe(0);
    expect(handled.stdout).toContain('caught boom from a tick');
    const unhandled = runNode([fixture('throw-in-tick.mjs'), 'unhandled'], offscreenEnv());
    expect(unhandled.signal).toBeNull();
    expect(unhandled.status).toBe(1);
    expect(unhandled.stderr).toContain('Error: boom from a tick');
    expect(unhandled.stderr).not.toContain('async hook stack');
  });

  it('exits with code 0 and runs exit handlers when the last window closes', () => {
    const r = runNode([fixture('exit-on-close.mjs')], offscreenEnv());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('exit-handler 0');
  });

  it('ends cleanly when the last window is closed from a promise callback', () => {
    const r = runNode([fixture('close-in-microtask.mjs')], offscreenEnv());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('closed');
  });

  it('passes QApplication.exit(code) on as the process exit code', () => {
    const r = runNode([fixture('exit-code.mjs')], offscreenEnv());
    expect(r.status, r.stderr).toBe(7);
  });

  it('does not keep a windowless script alive, and it ends without a crash', () => {
    const r = runNode([fixture('windowless.mjs')], offscreenEnv());
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('timer ran');
  });

  it('uses almost no CPU while a window sits idle (no polling timer)', () => {
    const r = runNode([fixture('idle.mjs'), '2000'], offscreenEnv());
    expect(r.status, r.stderr).toBe(0);
    const { cpuMs, elapsedMs } = lastJson<{ cpuMs: number; elapsedMs: number }>(r.stdout);
    expect(elapsedMs).toBeGreaterThanOrEqual(1900);
    // A 16 ms JS polling pump costs 1.5–2.5% of a core; a spinning one 100%.
    expect(cpuMs / elapsedMs).toBeLessThan(0.01);
  });
});
