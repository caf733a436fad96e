// The introspection XML is the source of truth: the constants, the roles table
// and the polkit files must agree with it.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseIntrospection, renderIntrospection, splitSignature } from '../dbus/introspection.js';
import { KOOMPID_INTERFACES } from './names.js';
import { ACTIONS, ROLE_GROUPS, ROLES, polkitActionId, roleAllows, type Action, type Role } from './roles.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (p: string): string => fs.readFileSync(path.join(root, p), 'utf8');
const specs = parseIntrospection(read('plasma-integration/dbus/org.koompi.System1.xml'));

describe('org.koompi.System1.xml', () => {
  it('defines every interface koompid and its clients use', () => {
    expect(specs.map((s) => s.name).sort()).toEqual(Object.values(KOOMPID_INTERFACES).sort());
    const snapshots = specs.find((s) => s.name === KOOMPID_INTERFACES.snapshots);
    expect(snapshots?.methods.find((m) => m.name === 'Create')).toMatchObject({ inSignature: 's', outSignature: 's' });
    expect(snapshots?.signals.map((s) => s.name)).toContain('SnapshotCreated');
  });

  it('names a known polkit action for every method except Job1.Cancel', () => {
    for (const spec of specs) {
      for (const method of spec.methods) {
        if (spec.name === KOOMPID_INTERFACES.job) continue;
        const action = method.annotations['org.koompi.PolkitAction'] ?? '';
        expect(ACTIONS.map(polkitActionId), `${spec.name}.${method.name}`).toContain(action);
      }
    }
  });

  it('survives a render and parse round trip', () => {
    expect(parseIntrospection(renderIntrospection(specs)).filter((s) => s.name.startsWith('org.koompi.'))).toEqual(
      specs.map((s) => ({ ...s, methods: s.methods.map((m) => ({ ...m, annotations: {} })) })),
    );
    expect(splitSignature('sa{sv}a(sss)asb')).toEqual(['s', 'a{sv}', 'a(sss)', 'as', 'b']);
  });
});

describe('polkit files', () => {
  const policy = read('plasma-integration/polkit/org.koompi.system1.policy');

  it('declare every action, with a Khmer message', () => {
    for (const action of ACTIONS) {
      const block = new RegExp(
        `<action id="${polkitActionId(action).replace(/\./g, '\\.')}">([\\s\\S]*?)</action>`,
      ).exec(policy);
      expect(block, action).not.toBeNull();
      expect(block?.[1]).toMatch(/<message xml:lang="km">[\u1780-\u17FF]/);
    }
  });

  it('grant exactly what the role table grants (49-koompi.rules evaluated with a fake polkit)', () => {
    const rules: ((action: { id: string }, subject: unknown) => string)[] = [];
    const polkit = {
      Result: { YES: 'yes', NO: 'no', NOT_HANDLED: 'not-handled' },
      addRule: (rule: (typeof rules)[number]) => rules.push(rule),
    };
    vm.runInNewContext(read('plasma-integration/polkit/49-koompi.rules'), { polkit });
    expect(rules).toHaveLength(1);
    const decide = (role: Role | 'root', action: Action): boolean => {
      const groups = role === 'root' ? [] : [ROLE_GROUPS[role]];
      const subject = { user: role === 'root' ? 'root' : 'someone', isInGroup: (g: string) => groups.includes(g) };
      return rules[0]!({ id: polkitActionId(action) }, subject) === 'yes';
    };
    for (const role of [...ROLES, 'root'] as const) {
      for (const action of ACTIONS) expect(decide(role, action), `${role} ${action}`).toBe(roleAllows(role, action));
    }
    expect(rules[0]!({ id: 'org.freedesktop.other' }, { user: 'x', isInGroup: () => true })).toBe('not-handled');
  });
});
