import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from "kysely";

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). With the
 * default deferred BEGIN, two processes that read and then write (two servers seeding one empty
 * file, an import while the server writes) fail at once with "database is locked" instead of
 * waiting their turn under busy_timeout. Every transaction shinko opens writes.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/**
 * SQLite does run DDL inside transactions, but Kysely's adapter says it does not, so its migrator
 * ran migrations outside any transaction and without a lock: two processes starting on one new
 * file both found no migration done and both created the tables ("table plans already exists").
 * Saying yes makes the migrator wrap the run in a transaction, which BEGIN IMMEDIATE serializes:
 * the second process waits, then finds the migrations done.
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
