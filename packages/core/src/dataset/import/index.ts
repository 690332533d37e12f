export { importDataset, sha256File, PROGRESS_EVERY } from './import-dataset.js';
export type { ImportOptions, ImportResult, LabelCount } from './import-dataset.js';
export { ImportOptionError, parseColumnMap, parseDimensionOverrides } from './column-map.js';
export type { ColumnMap } from './column-map.js';
export { IMPORT_FORMATS, KNOWN_SOURCES } from './source-formats.js';
export type { ImportFormatId, KnownSource } from './source-formats.js';
