/**
 * The V8 heap of a worker that parses (the batch pool's and `ledger parse`'s guarded worker): well above what a
 * notice at the input limits needs (about 500 MB), far below what takes a machine down. A module of its own, so
 * that `ledger parse` can read it without loading the pool, or worker_threads with it.
 */
export const WORKER_HEAP_MB = 1536;
