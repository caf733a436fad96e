import type { SessionResult, StudentSession } from '../ports.js';

/** Records what the teacher made the student's session do. */
export class FakeSession implements StudentSession {
  locked = false;
  readonly calls: Array<{ kind: string; arg?: string }> = [];
  app = 'org.kde.kate';

  async lock(message: string): Promise<SessionResult> {
    this.calls.push({ kind: 'lock', arg: message });
    this.locked = true;
    return { kind: 'done' };
  }
  async unlock(): Promise<SessionResult> {
    this.calls.push({ kind: 'unlock' });
    this.locked = false;
    return { kind: 'done' };
  }
  async notify(text: string): Promise<SessionResult> {
    this.calls.push({ kind: 'notify', arg: text });
    return { kind: 'done' };
  }
  async openLink(url: string): Promise<SessionResult> {
    this.calls.push({ kind: 'open-link', arg: url });
    return { kind: 'done' };
  }
  async openFile(path: string): Promise<SessionResult> {
    this.calls.push({ kind: 'open-file', arg: path });
    return { kind: 'done' };
  }
  async activeApp(): Promise<string> {
    return this.app;
  }
  async isLocked(): Promise<boolean> {
    return this.locked;
  }
}
