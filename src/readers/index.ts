export type { SourceRecord, ReadBatch, ReaderCounters, RecordReader } from './record.ts';
export { createCsvReader, type CsvReader } from './csv-reader.ts';
export { type CsvReaderOptions, DEFAULT_MAX_RECORD_BYTES, resolveCsvOptions } from './csv-options.ts';
export { BATCH_BYTES, pushInBatches, readCsvFile, READ_CHUNK_BYTES, type ReadCsvFileOptions } from './csv-file.ts';
export { CSV as CSV_FINDING_CODES } from './finding-codes.ts';
export { guessCsvCharset, GUESS_BYTES, type CharsetGuess } from './charset-guess.ts';
