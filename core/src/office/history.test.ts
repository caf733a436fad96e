import { describe, expect, it } from 'vitest';
import { UndoHistory } from './history.js';

describe('UndoHistory', () => {
  it('undoes and redoes recorded states, and a new edit drops the redo', () => {
    const h = new UndoHistory('');
    h.record('ក');
    h.record('ក');
    h.record('កខ');
    expect(h.undo()).toBe('ក');
    expect(h.undo()).toBe('');
    expect(h.undo()).toBeUndefined();
    expect(h.redo()).toBe('ក');
    h.record('កគ');
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBeUndefined();
    expect(h.undo()).toBe('ក');
    h.reset('x');
    expect(h.canUndo).toBe(false);
    expect(h.current).toBe('x');
  });

  it('keeps at most `limit` steps, and compares states with the given test', () => {
    const h = new UndoHistory<number[]>([], 2, (a, b) => a.join() === b.join());
    h.record([1]);
    h.record([1]);
    h.record([2]);
    h.record([3]);
    expect(h.undo()).toEqual([2]);
    expect(h.undo()).toEqual([1]);
    expect(h.undo()).toBeUndefined();
  });
});
