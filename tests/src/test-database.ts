// One throwaway database per test file, cloned from the migrated template. A clone is a file copy
// inside PostgreSQL (tens of milliseconds), far cheaper than running the migrations again.
import pg from "pg";
import { quoteIdent, testDatabaseName, withDatabase } from "./test-env.ts";

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: {
  serverUrl: string;
  templateDatabase: string;
  runTag: string;
}): Promise<TestDatabase> {
  const name = testDatabaseName(options.runTag);
  await onServer(options.serverUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(options.templateDatabase)}`),
  );
  const url = withDatabase(options.serverUrl, name);
  // The template may have been built in an earlier month: create this month's click partitions, as
  // `migrate deploy` and the click writer do in production.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select leadrail_ensure_click_partitions()");
  } finally {
    await client.end();
  }
  return {
    name,
    url,
    drop: () =>
      onServer(options.serverUrl, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
      ).then(() => undefined),
  };
}
