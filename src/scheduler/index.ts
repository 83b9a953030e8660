export * from './schedule.js';
export * from './scheduler.js';
export { createStoreRunLedger, RunRecordSchema, RunRecordType, storeKeyOfRun } from './ledger.js';
