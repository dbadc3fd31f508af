// The floor the benchmark compares against, in plain JavaScript so that no loader (tsx) start-up
// is counted: `read` streams the file in 1 MiB chunks and drops them; `decode` also decodes every
// chunk with the WHATWG TextDecoder in streaming mode (what chukan's CP932 path is built on).
//   node bench/floor.mjs read|decode FILE [label]
import { createReadStream } from 'node:fs';

const [mode, file, label = 'shift_jis'] = process.argv.slice(2);
const decoder = mode === 'decode' ? new TextDecoder(label) : undefined;
let bytes = 0;
let chars = 0;
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  bytes += chunk.length;
  if (decoder) chars += decoder.decode(chunk, { stream: true }).length;
}
if (decoder) chars += decoder.decode().length;
process.stdout.write(JSON.stringify({ bytes, chars }) + '\n');
