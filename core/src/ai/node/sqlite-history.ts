/**
 * The conversation history in SQLite (sql.js: SQLite compiled to WebAssembly,
 * so nothing native to build). The database lives in memory and is written to
 * disk after every change — to a temporary file, then renamed over the old one,
 * so a crash never leaves half a file. Private to the person: mode 0600.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import initSqlJs, { type Database } from 'sql.js';
import { writeAtomicSync } from '../../fs/node/atomic.js';
import type { ChatTurn, HistoryStore } from '../ai.js';
import { helpTerms } from '../help-index.js';

const require = createRequire(import.meta.url);

/** `$XDG_DATA_HOME/koompi/chat/history.sqlite` (default `~/.local/share/...`). */
export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env['XDG_DATA_HOME'] || path.join(env['HOME'] || os.homedir(), '.local', 'share');
  return path.join(dataHome, 'koompi', 'chat', 'history.sqlite');
}

export class SqliteHistory implements HistoryStore {
  private constructor(
    private readonly db: Database,
    private readonly file: string,
  ) {}

  /**
   * Opens (or creates) the history at `file`. A file that is not a readable
   * database is moved aside (`.corrupt-<time>`), never deleted, and a new one
   * is started.
   */
  static async open(file: string): Promise<SqliteHistory> {
    const SQL = await initSqlJs({ locateFile: (name: string) => require.resolve(`sql.js/dist/${name}`) });
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    let db: Database;
    try {
      db = fs.existsSync(file) ? new SQL.Database(fs.readFileSync(file)) : new SQL.Database();
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch {
      fs.renameSync(file, `${file}.corrupt-${Date.now()}`);
      db = new SQL.Database();
    }
    db.exec(`CREATE TABLE IF NOT EXISTS turns (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      role TEXT NOT NULL CHECK (role IN ('user', 'model')),
      text TEXT NOT NULL,
      at TEXT NOT NULL,
      source TEXT
    )`);
    return new SqliteHistory(db, file);
  }

  async append(turn: ChatTurn): Promise<void> {
    this.db.run('INSERT INTO turns (role, text, at, source) VALUES (?, ?, ?, ?)', [
      turn.role,
      turn.text,
      turn.at.toISOString(),
      turn.source ?? null,
    ]);
    this.#save();
  }

  async recent(limit: number): Promise<ChatTurn[]> {
    const rows = this.#select('SELECT role, text, at, source FROM turns ORDER BY id DESC LIMIT ?', [limit]);
    return rows.reverse();
  }

  async search(query: string, limit: number): Promise<ChatTurn[]> {
    const words = [...new Set(helpTerms(query))].slice(0, 8);
    if (words.length === 0) return [];
    const where = words.map(() => "text LIKE ? ESCAPE '\\'").join(' AND ');
    const params = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return this.#select(`SELECT role, text, at, source FROM turns WHERE ${where} ORDER BY id DESC LIMIT ?`, [
      ...params,
      limit,
    ]);
  }

  close(): void {
    this.db.close();
  }

  #select(sql: string, params: Array<string | number>): ChatTurn[] {
    const statement = this.db.prepare(sql);
    statement.bind(params);
    const out: ChatTurn[] = [];
    while (statement.step()) {
      const row = statement.getAsObject() as {
        role: 'user' | 'model';
        text: string;
        at: string;
        source: string | null;
      };
      out.push({
        role: row.role,
        text: row.text,
        at: new Date(row.at),
        ...(row.source === 'cloud' || row.source === 'offline' ? { source: row.source } : {}),
      });
    }
    statement.free();
    return out;
  }

  #save(): void {
    writeAtomicSync(this.file, this.db.export(), { mode: 0o600 });
  }
}
