export { keys, guildOfKey } from './keys.js';
export { defineRecord, decodeRecord, encodeRecord, type RecordType, type Envelope } from './records.js';
export { Store, DamagedRecordError, type StoreBackend } from './store.js';
export { KeyedQueue } from './mutex.js';
