/**
 * SIGINT/SIGTERM ask the run to stop at the next batch boundary: outputs stay under temp names and
 * are removed, and a partial report says so. A second signal exits at once.
 */
export function onInterrupt(stop: () => void): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count++;
    if (count > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
    stop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
