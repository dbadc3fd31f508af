/**
 * Worker-thread entry of the range pool (parallel-file.ts): each message is a RangeTask, run by
 * range-task.ts; output buffers move to the main thread instead of being copied. Kept apart from
 * range-task.ts so that importing the task runner never registers a message handler on the
 * caller's own parentPort (chukan used as a library inside someone else's worker).
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage, newTaskCache, runTask, type RangeTask, type RecycleMessage } from './range-task.ts';

/**
 * A part's output views each own their block alone (BlockSink), so the blocks move to the main
 * thread instead of being copied; the writer gives them back (RecycleMessage) once written.
 */
function transferable(chunks: Uint8Array[]): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  for (const c of chunks) {
    const b = c.buffer;
    if (b instanceof ArrayBuffer && !list.includes(b)) list.push(b);
  }
  return list;
}

if (parentPort) {
  const port = parentPort;
  // A worker serves one split run (parallel-file.ts terminates it after), so one cache.
  const cache = newTaskCache();
  port.on('message', (t: RangeTask | RecycleMessage) => {
    if ('recycle' in t) {
      for (const b of t.recycle) cache.blocks.give(b);
      return;
    }
    runTask(t, (m) => port.postMessage(m, m.type === 'part' ? transferable(m.out) : undefined), cache)
      .catch((err: unknown) => port.postMessage(errorMessage(t.id, err)));
  });
}
