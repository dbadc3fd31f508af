import { join } from 'node:path';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';
import type { CheckReport } from './check-report.ts';
import { renderCheckHtml } from './check-html.ts';
import { renderCheckXlsx } from './check-xlsx.ts';

async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const w = await AtomicFileWriter.create(path, 0o600);
  try {
    await w.write(bytes);
    await w.commit();
  } catch (err) {
    await w.abort();
    throw err;
  }
}

/** Writes report.json, report.html and report.xlsx into `dir`, each atomically, mode 0600. */
export async function writeCheckReports(dir: string, report: CheckReport): Promise<{ json: string; html: string; xlsx: string }> {
  const paths = { json: join(dir, 'report.json'), html: join(dir, 'report.html'), xlsx: join(dir, 'report.xlsx') };
  await writeAtomic(paths.json, Buffer.from(JSON.stringify(report, null, 2) + '\n', 'utf8'));
  await writeAtomic(paths.html, Buffer.from(renderCheckHtml(report), 'utf8'));
  await writeAtomic(paths.xlsx, await renderCheckXlsx(report));
  return paths;
}
