// The outbox relay's durable checkpoint: the store position of the last event the broker
// acknowledged, kept in a small table of the office's own SQLite file.
import type Database from 'better-sqlite3';

export class SqliteRelayCheckpoint {
  private readonly read: Database.Statement<[string], { position: number }>;
  private readonly write: Database.Statement<[string, number]>;

  constructor(db: Database.Database, private readonly name = 'relay') {
    db.exec('CREATE TABLE IF NOT EXISTS kafka_relay_checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    this.read = db.prepare('SELECT position FROM kafka_relay_checkpoint WHERE name = ?');
    this.write = db.prepare('INSERT OR REPLACE INTO kafka_relay_checkpoint (name, position) VALUES (?, ?)');
  }

  load(): number {
    return this.read.get(this.name)?.position ?? 0;
  }

  save(position: number): void {
    this.write.run(this.name, position);
  }
}
