import dbus from 'dbus-next';

/** A D-Bus error reply: the error name and the message the other side sent. */
export class DbusCallError extends Error {
  constructor(
    readonly errorName: string,
    readonly text: string,
    options?: { cause?: unknown },
  ) {
    super(`${errorName}: ${text}`, options);
    this.name = 'DbusCallError';
  }
}

export interface SignalMatch {
  readonly sender?: string;
  readonly path?: string;
  /** Matches this path and every path below it. */
  readonly pathNamespace?: string;
  readonly interface?: string;
  readonly member?: string;
}

export interface IncomingSignal {
  readonly sender: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly signature: string;
  readonly body: readonly unknown[];
}

type Message = InstanceType<typeof dbus.Message>;

/**
 * One connection to a bus, wrapping dbus-next (no longer maintained, so it stays
 * behind this class): calls with a timeout, signal subscriptions with match
 * rules, and access to raw messages for koompid's own server.
 */
export class DbusConnection {
  private readonly handlers = new Set<{ match: SignalMatch; handler: (signal: IncomingSignal) => void }>();
  private closed = false;

  private constructor(readonly bus: dbus.MessageBus) {
    bus.on('message', (msg: Message) => {
      if (msg.type !== dbus.MessageType.SIGNAL) return;
      const signal: IncomingSignal = {
        sender: msg.sender ?? '',
        path: msg.path ?? '',
        interface: msg.interface ?? '',
        member: msg.member ?? '',
        signature: msg.signature ?? '',
        body: (msg.body as unknown[]) ?? [],
      };
      for (const { match, handler } of this.handlers) {
        if (matches(match, signal)) handler(signal);
      }
    });
    bus.on('error', () => {
      this.closed = true;
    });
  }

  /** Connects to the system bus (`DBUS_SYSTEM_BUS_ADDRESS`, else the standard socket) or to `address`. */
  static async connect(address?: string, timeoutMs = 5_000): Promise<DbusConnection> {
    const bus = address ? dbus.sessionBus({ busAddress: address }) : dbus.systemBus();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new DbusCallError('org.freedesktop.DBus.Error.Timeout', 'connect')),
        timeoutMs,
      );
      bus.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      bus.once('error', (error: unknown) => {
        clearTimeout(timer);
        reject(new DbusCallError('org.freedesktop.DBus.Error.Disconnected', String(error), { cause: error }));
      });
    });
    return new DbusConnection(bus);
  }

  /** This connection's unique name on the bus (":1.42"). */
  get uniqueName(): string {
    return (this.bus as unknown as { name: string }).name;
  }

  async call(
    destination: string,
    path: string,
    iface: string,
    member: string,
    signature = '',
    body: unknown[] = [],
    timeoutMs = 60_000,
  ): Promise<unknown[]> {
    if (this.closed) throw new DbusCallError('org.freedesktop.DBus.Error.Disconnected', 'connection closed');
    const message = new dbus.Message({ destination, path, interface: iface, member, signature, body });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new DbusCallError('org.freedesktop.DBus.Error.NoReply', `${iface}.${member} timed out`)),
        timeoutMs,
      );
      // The socket keeps the process alive while a reply can come; a closed connection must not wait for the timer.
      timer.unref();
    });
    try {
      const reply = await Promise.race([this.bus.call(message), timeout]);
      return (reply?.body as unknown[]) ?? [];
    } catch (error) {
      if (error instanceof DbusCallError) throw error;
      if (error instanceof dbus.DBusError) throw new DbusCallError(error.type, error.text ?? '', { cause: error });
      // dbus-next refuses to marshal what D-Bus cannot carry (a NUL in a string, a value
      // that does not fit the signature): nothing was sent, the arguments were invalid.
      const invalid = error instanceof Error && /null byte|signature|expected|invalid/i.test(error.message);
      const name = invalid ? 'org.freedesktop.DBus.Error.InvalidArgs' : 'org.freedesktop.DBus.Error.Failed';
      throw new DbusCallError(name, String(error), { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls a method on the bus itself (org.freedesktop.DBus). */
  callBus(member: string, signature = '', body: unknown[] = []): Promise<unknown[]> {
    return this.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', member, signature, body);
  }

  /** The unique name that owns `name` now, or undefined when nobody does. */
  async nameOwner(name: string): Promise<string | undefined> {
    try {
      const [owner] = await this.callBus('GetNameOwner', 's', [name]);
      return typeof owner === 'string' && owner.startsWith(':') ? owner : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The unique name that owns `name`, for accepting signals from that service
   * only. A D-Bus-activated service may not be running yet, so the bus is asked
   * to start it first; undefined when it is neither running nor activatable.
   */
  async activatedOwner(name: string): Promise<string | undefined> {
    const current = await this.nameOwner(name);
    if (current) return current;
    try {
      await this.callBus('StartServiceByName', 'su', [name, 0]);
    } catch {
      return undefined;
    }
    return this.nameOwner(name);
  }

  /** Subscribes to signals; resolves once the bus has the match rule. Returns an unsubscribe function. */
  async subscribe(match: SignalMatch, handler: (signal: IncomingSignal) => void): Promise<() => Promise<void>> {
    const rule = matchRule(match);
    const entry = { match, handler };
    this.handlers.add(entry);
    await this.callBus('AddMatch', 's', [rule]);
    return async () => {
      this.handlers.delete(entry);
      if (!this.closed) await this.callBus('RemoveMatch', 's', [rule]).catch(() => undefined);
    };
  }

  /** Sends a signal from this connection. */
  emit(path: string, iface: string, member: string, signature = '', body: unknown[] = []): void {
    this.bus.send(dbus.Message.newSignal(path, iface, member, signature, body));
  }

  /** Sends a signal to one connection only (a unicast signal): private answers stay private. */
  emitTo(destination: string, path: string, iface: string, member: string, signature = '', body: unknown[] = []): void {
    this.bus.send(
      new dbus.Message({ type: dbus.MessageType.SIGNAL, destination, path, interface: iface, member, signature, body }),
    );
  }

  close(): void {
    this.closed = true;
    this.bus.disconnect();
  }
}

function matches(m: SignalMatch, s: IncomingSignal): boolean {
  return (
    (m.sender === undefined || m.sender === s.sender) &&
    (m.path === undefined || m.path === s.path) &&
    (m.pathNamespace === undefined || s.path === m.pathNamespace || s.path.startsWith(`${m.pathNamespace}/`)) &&
    (m.interface === undefined || m.interface === s.interface) &&
    (m.member === undefined || m.member === s.member)
  );
}

function matchRule(m: SignalMatch): string {
  const parts = ["type='signal'"];
  if (m.sender) parts.push(`sender='${m.sender}'`);
  if (m.path) parts.push(`path='${m.path}'`);
  if (m.pathNamespace) parts.push(`path_namespace='${m.pathNamespace}'`);
  if (m.interface) parts.push(`interface='${m.interface}'`);
  if (m.member) parts.push(`member='${m.member}'`);
  return parts.join(',');
}

/** A D-Bus variant: a value with its signature (for a{sv} dictionaries). */
export function variant(signature: string, value: unknown): unknown {
  return new dbus.Variant(signature, value);
}

/** The value inside a variant as dbus-next unmarshals it (64-bit numbers as bigint). */
export function unwrapVariant(value: unknown): unknown {
  return value instanceof dbus.Variant ? value.value : value;
}
