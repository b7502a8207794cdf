import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type TransactionSettings,
} from "kysely";

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). With the
 * default deferred BEGIN, two processes that read and then write (two servers seeding one empty
 * file, an import while the server writes) fail at once with "database is locked" instead of
 * waiting their turn under busy_timeout. Only a transaction declared read only (db/locks.ts,
 * inSnapshot) begins deferred: it takes no lock, and its first read fixes its snapshot.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    const readOnly = settings?.accessMode === "read only";
    await connection.executeQuery(CompiledQuery.raw(readOnly ? "begin" : "begin immediate"));
  }
}

/**
 * SQLite runs DDL inside transactions. Saying so makes Kysely's migrator run the migrations in one
 * (immediate) transaction, which is what keeps several processes that start on one new file from
 * running the same migration twice: Kysely's SQLite migration lock does nothing across processes.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
