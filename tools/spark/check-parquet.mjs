// Reads a SparkSweep Parquet folder with DuckDB and compares it with the sweep's CSV (the local
// `rfsweep sweep` file, or `cat DIR/part-*` of a CSV job with the same options). Run it through
// tools/spark/check-parquet.sh, which installs DuckDB's Node API outside the repository.
//
//   node check-parquet.mjs PARQUET_DIR SWEEP.csv
//
// Checks: the column types (index BIGINT; arch, input VARCHAR; out_h, out_w, out_c, unproductive
// INTEGER; every other metric BIGINT), the column names and order of the CSV header, the parts in
// index order (each part's indices ascending and above the previous part's), and the same rows:
// the same count and no row of either side missing from the other (EXCEPT ALL, both ways).
// Prints one line per check; exits 1 on the first failure.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [dir, csvFile] = process.argv.slice(2);
if (!dir || !csvFile) {
  console.error('usage: node check-parquet.mjs PARQUET_DIR SWEEP.csv');
  process.exit(2);
}
const parts = readdirSync(dir).filter((n) => n.startsWith('part-') && n.endsWith('.parquet')).sort();
if (parts.length === 0) {
  console.error(`check-parquet: ${dir}: no part-*.parquet`);
  process.exit(2);
}
const header = readFileSync(csvFile, 'ascii').split('\n', 1)[0].split(',');
const sql = (s) => s.replaceAll("'", "''");
const files = '[' + parts.map((p) => `'${sql(join(dir, p))}'`).join(', ') + ']';
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rows = async (q) => (await con.runAndReadAll(q)).getRowObjects();

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) {
    process.exit(1);
  }
}

const described = await rows(`DESCRIBE SELECT * FROM read_parquet(${files})`);
const names = described.map((r) => r.column_name);
check(JSON.stringify(names) === JSON.stringify(header), `columns as the CSV header: ${names.join(',')}`);
const ints = new Set(['out_h', 'out_w', 'out_c', 'unproductive']);
const wanted = (n) => (n === 'arch' || n === 'input' ? 'VARCHAR' : ints.has(n) ? 'INTEGER' : 'BIGINT');
const wrong = described.filter((r) => r.column_type !== wanted(r.column_name));
check(wrong.length === 0, 'types: index BIGINT, arch/input VARCHAR, out_h/out_w/out_c/unproductive INTEGER, '
  + 'the other metrics BIGINT' + (wrong.length ? ` (wrong: ${wrong.map((r) => r.column_name + ' '
  + r.column_type).join(', ')})` : ''));

let previous = -1n;
let ordered = true;
for (const p of parts) {
  const [r] = await rows(`SELECT min(index) AS lo, max(index) AS hi, count(*) AS n,
    bool_and(index > prev OR prev IS NULL) AS asc FROM (SELECT index, lag(index) OVER (ORDER BY file_row_number)
    AS prev FROM read_parquet('${sql(join(dir, p))}', file_row_number = true))`);
  if (r.n > 0n) {
    ordered = ordered && r.asc && r.lo > previous;
    previous = r.hi;
  }
}
check(ordered, `${parts.length} parts in index order`);

await con.run(`CREATE TABLE c AS SELECT * FROM read_csv('${sql(csvFile)}', header = true, quote = '"',
  columns = {${header.map((n) => `'${n}': '${wanted(n)}'`).join(', ')}})`);
await con.run(`CREATE TABLE p AS SELECT * FROM read_parquet(${files})`);
const [counts] = await rows('SELECT (SELECT count(*) FROM p) AS p, (SELECT count(*) FROM c) AS c');
check(counts.p === counts.c, `rows: ${counts.p} in Parquet, ${counts.c} in the CSV`);
const [diff] = await rows(`SELECT (SELECT count(*) FROM (SELECT * FROM p EXCEPT ALL SELECT * FROM c)) AS pc,
  (SELECT count(*) FROM (SELECT * FROM c EXCEPT ALL SELECT * FROM p)) AS cp`);
check(diff.pc === 0n && diff.cp === 0n, `the same rows (${diff.pc} only in Parquet, ${diff.cp} only in the CSV)`);
