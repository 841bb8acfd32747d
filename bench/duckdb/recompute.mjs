// The DuckDB side of bench_dashboard's recompute comparison. bench_dashboard writes the
// stored rows as CSV (responses.csv, answers.csv, bodies.csv) and the generated queries
// (queries.json: the same SQL text it runs on SQLite) into <dir>; this script converts the
// CSV to Parquet, runs every query on the Parquet files `runs` times, writes the rows of
// the last run to <dir>/duckdb_results.csv for bench_dashboard to check against the engine,
// and prints one JSON line of timings.
//
//   node bench/duckdb/recompute.mjs <dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node recompute.mjs <dir>');
  process.exit(2);
}
const { runs, queries } = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8'));
const tables = {
  responses: { id: 'BIGINT', campaign_id: 'BIGINT', body_code: 'VARCHAR', state: 'VARCHAR' },
  answers: { response_id: 'BIGINT', question_id: 'VARCHAR', value: 'VARCHAR' },
  bodies: { code: 'VARCHAR', type: 'VARCHAR', core_city: 'INTEGER', network_model: 'VARCHAR', population_band: 'VARCHAR' },
};
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const now = () => performance.now();

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const threads = Number((await con.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0][0]);

const t0 = now();
for (const [name, columns] of Object.entries(tables)) {
  const cols = Object.entries(columns).map(([c, t]) => `${quote(c)}: ${quote(t)}`).join(', ');
  // Quoted "" is an empty string, an unquoted empty field is NULL (an unanswered value).
  await con.run(
    `COPY (SELECT * FROM read_csv(${quote(join(dir, name + '.csv'))}, header = true, allow_quoted_nulls = false, ` +
      `columns = {${cols}})) TO ${quote(join(dir, name + '.parquet'))} (FORMAT parquet)`,
  );
  await con.run(`CREATE VIEW ${name} AS SELECT * FROM read_parquet(${quote(join(dir, name + '.parquet'))})`);
}
const parquetMs = now() - t0;

const runsMs = [];
let lastRows = [];
for (let run = 0; run < runs; ++run) {
  const r0 = now();
  lastRows = [];
  for (const q of queries) {
    const reader = await con.runAndReadAll(q.sql);
    for (const row of reader.getRows()) lastRows.push([q.campaign_id, ...row]);
  }
  runsMs.push(now() - r0);
}
writeFileSync(
  join(dir, 'duckdb_results.csv'),
  lastRows.map((r) => r.map((v) => String(v)).join(',')).join('\n') + '\n',
);
console.log(JSON.stringify({ duckdb: (await con.runAndReadAll('SELECT version()')).getRows()[0][0], threads, parquetMs, runsMs, rows: lastRows.length }));
