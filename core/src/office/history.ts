/**
 * Undo and redo as a history of whole states (an editor's HTML, a sheet's
 * cells): `record` after a change, `undo`/`redo` give the state to show.
 * Recording the state that is already current does nothing, so a caller may
 * record on every change event. Pure; the apps keep one per document.
 *
 * @example
 * const h = new UndoHistory('');
 * h.record('ក'); h.record('កខ');
 * h.undo(); // 'ក'
 * h.redo(); // 'កខ'
 */
export class UndoHistory<T> {
  private readonly past: T[] = [];
  private readonly future: T[] = [];

  constructor(
    private present: T,
    private readonly limit = 200,
    private readonly same: (a: T, b: T) => boolean = (a, b) => a === b,
  ) {}

  get current(): T {
    return this.present;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** A new state after an edit: it becomes current, and what was undone cannot be redone any more. */
  record(state: T): void {
    if (this.same(state, this.present)) return;
    this.past.push(this.present);
    if (this.past.length > this.limit) this.past.shift();
    this.future.length = 0;
    this.present = state;
  }

  /** The state before, or undefined when there is none. */
  undo(): T | undefined {
    const before = this.past.pop();
    if (before === undefined) return undefined;
    this.future.push(this.present);
    this.present = before;
    return before;
  }

  redo(): T | undefined {
    const after = this.future.pop();
    if (after === undefined) return undefined;
    this.past.push(this.present);
    this.present = after;
    return after;
  }

  /** Forgets everything: `state` is the only one (a file opened, a new document). */
  reset(state: T): void {
    this.past.length = 0;
    this.future.length = 0;
    this.present = state;
  }
}
