import { AtomicFileWriter } from '../pipeline/atomic-file.ts';

/** Reports may hold masked samples and file names: written atomically, mode 0600. */
export async function writeJsonReport(path: string, value: unknown): Promise<void> {
  const w = await AtomicFileWriter.create(path, 0o600);
  try {
    await w.write(Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'));
    await w.commit();
  } catch (err) {
    await w.abort();
    throw err;
  }
}
