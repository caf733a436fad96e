import { describe, expect, it } from 'vitest';
import { failureKindOf, isServiceMissing } from './names.js';

describe("koompid's D-Bus errors as failure kinds", () => {
  it('reads "nobody there" from the bus itself: no owner, or an activation that failed', () => {
    for (const name of [
      'org.freedesktop.DBus.Error.ServiceUnknown',
      'org.freedesktop.DBus.Error.NameHasNoOwner',
      'org.freedesktop.DBus.Error.Spawn.ChildExited',
      'org.freedesktop.DBus.Error.Spawn.ExecFailed',
      'org.freedesktop.DBus.Error.TimedOut',
      'org.freedesktop.systemd1.NoSuchUnit',
      'org.freedesktop.systemd1.UnitMasked',
    ]) {
      expect(isServiceMissing(name), name).toBe(true);
      expect(failureKindOf(name), name).toBe('unavailable');
    }
  });

  it("keeps koompid's own errors and the bus's other errors apart", () => {
    expect(failureKindOf('org.koompi.System1.Error.NotAuthorized')).toBe('not-authorized');
    expect(failureKindOf('org.freedesktop.DBus.Error.AccessDenied')).toBe('not-authorized');
    expect(failureKindOf('org.freedesktop.DBus.Error.UnknownMethod')).toBe('failed');
    expect(isServiceMissing('org.freedesktop.DBus.Error.UnknownMethod')).toBe(false);
  });
});
