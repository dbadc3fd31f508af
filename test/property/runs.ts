/** Cases per property: bounded by default so `npm test` stays quick; `npm run fuzz` sets FUZZ_RUNS=20000. */
export const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 200));

/** Heavier properties (whole-file runs) take a tenth of the budget. */
export const RUNS_HEAVY = Math.max(1, Math.floor(RUNS / 10));
