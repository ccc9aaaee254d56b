/** The SQL dialect a migration is written for; the schema builder hides most differences. */
export type SqlFlavor = 'sqlite' | 'postgres';
