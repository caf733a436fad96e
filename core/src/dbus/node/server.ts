import dbus from 'dbus-next';
import { renderIntrospection, type InterfaceSpec, type MethodSpec } from '../introspection.js';
import type { DbusConnection } from './connection.js';

type Message = InstanceType<typeof dbus.Message>;

/** Who called: the caller's unique bus name, from the message header (set by the bus, not the caller). */
export interface CallContext {
  readonly sender: string;
}

/** Thrown by a handler to send a D-Bus error reply with this name and text. */
export class MethodError extends Error {
  constructor(
    readonly errorName: string,
    readonly text: string,
  ) {
    super(`${errorName}: ${text}`);
    this.name = 'MethodError';
  }
}

export type MethodHandler = (context: CallContext, args: readonly unknown[]) => Promise<readonly unknown[]>;

export interface ObjectSpec {
  /** Handlers by "Interface.Member"; every method of the object's interfaces needs one. */
  readonly methods: Readonly<Record<string, MethodHandler>>;
  /** Current property values (already wrapped as variants) of one interface. */
  readonly properties?: (iface: string) => Readonly<Record<string, unknown>>;
}

interface Exported {
  readonly interfaces: readonly InterfaceSpec[];
  readonly spec: ObjectSpec;
}

/**
 * A D-Bus service built on raw messages rather than dbus-next's Interface
 * classes, because every method must know its caller (dbus-next's classes hide
 * the sender). The interfaces come from the introspection XML: calls are
 * dispatched by (path, interface, member), a body whose signature differs from
 * the XML's is refused with InvalidArgs before any handler runs, and
 * Introspect answers from the same XML.
 */
export class DbusServer {
  private readonly objects = new Map<string, Exported>();
  private readonly specs: ReadonlyMap<string, InterfaceSpec>;

  constructor(
    private readonly connection: DbusConnection,
    interfaces: readonly InterfaceSpec[],
    private readonly onUnexpected: (error: unknown, member: string) => void,
    private readonly failedErrorName: string,
  ) {
    this.specs = new Map(interfaces.map((i) => [i.name, i]));
    connection.bus.addMethodHandler((msg: Message) => this.dispatch(msg));
  }

  export(path: string, interfaceNames: readonly string[], spec: ObjectSpec): void {
    const interfaces = interfaceNames.map((name) => {
      const found = this.specs.get(name);
      if (!found) throw new Error(`no interface ${name} in the introspection XML`);
      for (const m of found.methods) {
        if (!spec.methods[`${name}.${m.name}`]) throw new Error(`no handler for ${name}.${m.name}`);
      }
      return found;
    });
    this.objects.set(path, { interfaces, spec });
  }

  unexport(path: string): void {
    this.objects.delete(path);
  }

  has(path: string): boolean {
    return this.objects.has(path);
  }

  emitSignal(path: string, iface: string, member: string, body: unknown[] = []): void {
    const signal = this.specs.get(iface)?.signals.find((s) => s.name === member);
    if (!signal) throw new Error(`no signal ${iface}.${member} in the introspection XML`);
    this.connection.emit(path, iface, member, signal.signature, body);
  }

  emitPropertiesChanged(path: string, iface: string, changed: Record<string, unknown>): void {
    this.connection.emit(path, 'org.freedesktop.DBus.Properties', 'PropertiesChanged', 'sa{sv}as', [
      iface,
      changed,
      [],
    ]);
  }

  async requestName(name: string): Promise<void> {
    const [reply] = await this.connection.callBus('RequestName', 'su', [name, 4 /* DO_NOT_QUEUE */]);
    if (reply !== 1) throw new Error(`could not own ${name} (RequestName replied ${String(reply)})`);
  }

  private dispatch(msg: Message): boolean {
    const path = msg.path ?? '';
    const iface = msg.interface ?? '';
    const member = msg.member ?? '';
    const signature = msg.signature ?? '';
    if (iface === 'org.freedesktop.DBus.Introspectable' && member === 'Introspect') {
      this.reply(msg, 's', [this.introspect(path)]);
      return true;
    }
    const object = this.objects.get(path);
    if (!object) {
      if (iface === 'org.freedesktop.DBus.Peer') return false; // dbus-next answers Ping itself
      this.error(msg, 'org.freedesktop.DBus.Error.UnknownObject', `No object at ${path}`);
      return true;
    }
    if (iface === 'org.freedesktop.DBus.Properties') return this.properties(msg, object, member, signature);
    const spec = object.interfaces.find((i) => i.name === iface);
    const method: MethodSpec | undefined = spec?.methods.find((m) => m.name === member);
    if (!spec || !method) {
      if (iface === 'org.freedesktop.DBus.Peer') return false;
      this.error(msg, 'org.freedesktop.DBus.Error.UnknownMethod', `No method ${iface}.${member}`);
      return true;
    }
    if (signature !== method.inSignature) {
      this.error(
        msg,
        'org.freedesktop.DBus.Error.InvalidArgs',
        `${iface}.${member} takes "${method.inSignature}", not "${signature}"`,
      );
      return true;
    }
    const handler = object.spec.methods[`${iface}.${member}`];
    if (!handler) return false;
    handler({ sender: msg.sender ?? '' }, (msg.body as unknown[]) ?? []).then(
      (body) => this.reply(msg, method.outSignature, [...body]),
      (error: unknown) => {
        if (error instanceof MethodError) return this.error(msg, error.errorName, error.text);
        this.onUnexpected(error, `${iface}.${member}`);
        this.error(msg, this.failedErrorName, 'The operation failed unexpectedly.');
      },
    );
    return true;
  }

  private properties(msg: Message, object: Exported, member: string, signature: string): boolean {
    const body = (msg.body as unknown[]) ?? [];
    const ifaceName = String(body[0] ?? '');
    const values = object.interfaces.some((i) => i.name === ifaceName)
      ? (object.spec.properties?.(ifaceName) ?? {})
      : undefined;
    if (member === 'GetAll' && signature === 's') {
      if (!values) this.error(msg, 'org.freedesktop.DBus.Error.UnknownInterface', `No interface ${ifaceName}`);
      else this.reply(msg, 'a{sv}', [values]);
      return true;
    }
    if (member === 'Get' && signature === 'ss') {
      const value = values?.[String(body[1])];
      if (value === undefined) this.error(msg, 'org.freedesktop.DBus.Error.UnknownProperty', 'No such property');
      else this.reply(msg, 'v', [value]);
      return true;
    }
    if (member === 'Set') {
      this.error(msg, 'org.freedesktop.DBus.Error.PropertyReadOnly', 'Properties are read-only');
      return true;
    }
    this.error(msg, 'org.freedesktop.DBus.Error.InvalidArgs', `Bad Properties.${member} call`);
    return true;
  }

  private introspect(path: string): string {
    const object = this.objects.get(path);
    const prefix = path === '/' ? '/' : `${path}/`;
    const children = new Set<string>();
    for (const p of this.objects.keys()) {
      if (p.startsWith(prefix) && p !== path) {
        const child = p.slice(prefix.length).split('/')[0];
        if (child) children.add(child);
      }
    }
    return renderIntrospection(object?.interfaces ?? [], [...children].sort());
  }

  private reply(msg: Message, signature: string, body: unknown[]): void {
    try {
      this.connection.bus.send(dbus.Message.newMethodReturn(msg, signature, body));
    } catch (error) {
      this.onUnexpected(error, `${msg.interface}.${msg.member} reply`);
      this.error(msg, this.failedErrorName, 'The reply could not be sent.');
    }
  }

  private error(msg: Message, name: string, text: string): void {
    this.connection.bus.send(dbus.Message.newError(msg as unknown as string, name, text));
  }
}
