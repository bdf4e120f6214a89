// The JSON format's public surface, for the UI and the server.
export { exportMapJson, orderedSnapshot, serializeMapFile, snapshotToJson } from './export';
export { parseMapJson, validateMapValue, checkTimestamp, type ParseMapResult, type ParsedMap } from './validate';
export { migrateToCurrent, OLDEST_SUPPORTED_VERSION } from './migrate';
export {
  describeFormatProblem,
  describeSize,
  formatProblem,
  isProblemCode,
  PROBLEM_CODES,
  type ExpectedKind,
  type ListName,
  type ProblemCode,
  type ProblemDetail,
  type ReferenceKind,
  type SizeUnit,
  type ValueKind,
} from './problems';
export { describeJsonSyntax, type JsonSyntaxError } from './jsonScan';
export {
  DEFAULT_FORMAT_LIMITS,
  FORMAT_ID,
  FORMAT_VERSION,
  type FormatLimits,
  type MapFile,
  type Problem,
  type ReviewFile,
  type SnapshotFile,
} from './types';
