// `npm run migrate -- --to "$DATABASE_URL" [--from ./data]`: copies a SQLite data folder (default
// DATA_DIR or ./data) into PostgreSQL, verifying each map; safe to run again. Stop the server on
// that folder first (the copy takes the folder's lock, so it refuses while a server runs there).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from './storage/copy';
import { describeDatabaseUrl } from './storage/postgres';
import { DataDirError } from './storage/Storage';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
const from = path.resolve(values.from ?? (process.env.DATA_DIR || './data'));
const to = values.to ?? process.env.DATABASE_URL;
if (!to || !/^postgres(ql)?:\/\//.test(to)) {
  console.error('Usage: npm run migrate -- --to postgres://user:pass@host:5432/db [--from DATA_DIR]');
  process.exit(2);
}
console.log(`Copying ${from} into PostgreSQL ${describeDatabaseUrl(to)}…`);
try {
  const report = await copySqliteToPostgres(from, to, (line) => console.log(line));
  console.log(
    `${report.copied} copied, ${report.merged} merged into maps already there, ${report.unchanged} already complete, ${report.failed.length} failed`,
  );
  process.exit(report.failed.length > 0 ? 1 : 0);
} catch (error) {
  if (!(error instanceof DataDirError)) throw error;
  console.error(`Cannot migrate: ${error.message}`);
  process.exit(1);
}
