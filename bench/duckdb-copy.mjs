// DuckDB's CSV→CSV copy of the UTF-8 copy of the benchmark file (DuckDB reads no CP932), every
// column as text, broken rows skipped (ignore_errors), with the machine's threads (or argv[4]). Plain JavaScript: no loader start-up.
//   node bench/duckdb-copy.mjs IN.csv OUT.csv [threads]
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', threads ? { threads } : {});
const con = await db.connect();
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const r = await con.runAndReadAll(`COPY (SELECT * FROM read_csv(${q(input)}, header = true, all_varchar = true, quote = '"', escape = '"', delim = ',', ignore_errors = true)) TO ${q(output)} (HEADER, DELIMITER ',')`);
const v = (await con.runAndReadAll('SELECT version()')).getRows()[0][0];
process.stdout.write(JSON.stringify({ rows: Number(r.getRows()[0][0]), version: v }) + '\n');
