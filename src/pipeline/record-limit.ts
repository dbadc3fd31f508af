import type { ReadBatch } from '../readers/record.ts';

/** Whether a limited read stopped before the end of its input (set once the batches are consumed). */
export interface RecordLimitState {
  reached: boolean;
}

/**
 * The first `limit` data records of a reader's batches (`convert --limit N`, `mapping check
 * --sample`): a header row, when the source has one, passes on top of the limit. The batch that
 * holds the last record is cut after it — its text too, so counts made on the text (外字) cover
 * only the records kept — and reading stops there: the reader's stream is closed by the return.
 * `state.reached` says whether records were left unread (one more batch is pulled to find out).
 */
export async function* limitRecords(batches: AsyncIterable<ReadBatch>, limit: number, header: boolean, state: RecordLimitState): AsyncIterable<ReadBatch> {
  let left = limit + (header ? 1 : 0);
  for await (const batch of batches) {
    if (left === 0) {
      // Only looking for whether anything is left: file-level findings of later bytes are not this run's.
      if (batch.records.length > 0) {
        state.reached = true;
        return;
      }
      continue;
    }
    if (batch.records.length <= left) {
      left -= batch.records.length;
      yield batch;
      continue;
    }
    const records = batch.records.slice(0, left);
    const last = records[records.length - 1];
    left = 0;
    state.reached = true;
    yield { ...batch, text: last ? batch.text.slice(0, last.textEnd) : batch.text, records };
    return;
  }
}
