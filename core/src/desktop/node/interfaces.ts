import fs from 'node:fs';
import path from 'node:path';
import { parseIntrospection, type InterfaceSpec } from '../../dbus/introspection.js';
import { findUpward } from '../../fs/node/find-up.js';

/**
 * Reads an interface's introspection XML: `plasma-integration/dbus/<file>` in
 * the repository (found upward from this module), else the installed copy in
 * /usr/share/dbus-1/interfaces. The XML is the source of truth.
 */
export function loadInterfaces(file: string): InterfaceSpec[] {
  const found = findUpward(import.meta.url, path.join('plasma-integration', 'dbus', file));
  return parseIntrospection(fs.readFileSync(found ?? path.join('/usr/share/dbus-1/interfaces', file), 'utf8'));
}
