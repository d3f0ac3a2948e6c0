/** The one place the database URL default lives: the local PostgreSQL as `postgres`, database `leadrail`. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/leadrail";
}
