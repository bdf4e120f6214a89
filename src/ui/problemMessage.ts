// Problems as the sentences the user reads, in the user's language: a field check's problem
// (src/domain/fields.ts), and a JSON map file's problem (src/domain/format/problems.ts), which
// is worded from its code and params; its English `message` is only the fallback.
import type { FieldProblem } from '../domain/fields';
import { isProblemCode, type Problem, type SizeUnit } from '../domain/format';
import type { Translate } from '../locales/i18n';

export function problemMessage(t: Translate, problem: FieldProblem): string {
  switch (problem.code) {
    case 'tooLong':
      return t('domain.problems.tooLong', { max: problem.max });
    case 'outOfRange':
      return t('domain.problems.outOfRange', { min: problem.min, max: problem.max });
    default:
      return t(`domain.problems.${problem.code}`);
  }
}

function size(t: Translate, count: number, unit: SizeUnit): string {
  const mb = count / (1024 * 1024);
  return Number.isInteger(mb) ? t('io.problem.size.mb', { count: mb }) : t(`io.problem.size.${unit}`, { count });
}

// Values the user wrote (ids, a format name) go last among the params: `translate` fills them in
// one after another, so a value holding "{limit}" must not be filled again.
function wordProblem(t: Translate, problem: Problem): string {
  switch (problem.code) {
    case 'wrongType': {
      const { expected, found } = problem.params;
      const what = t(`io.problem.expected.${expected}`);
      return found === undefined
        ? t('io.problem.wrongTypeOnly', { expected: what })
        : t('io.problem.wrongType', { expected: what, found: t(`io.problem.found.${found}`) });
    }
    case 'tooLong':
      return t('io.problem.tooLong', { max: problem.params.max });
    case 'outOfRange':
      return t('io.problem.outOfRange', { min: problem.params.min, max: problem.params.max });
    case 'notAllowed':
      return t('io.problem.notAllowed', { allowed: problem.params.allowed });
    case 'duplicateId':
      return t('io.problem.duplicateId', { firstPath: problem.params.firstPath, id: problem.params.id });
    case 'unknownReference': {
      const { kind, listPath, id } = problem.params;
      return t(`io.problem.unknownReference.${kind}`, { listPath, id });
    }
    case 'tooMany': {
      const { list, count, limit } = problem.params;
      return t('io.problem.tooMany', { list: t(`io.problem.lists.${list}`), count, limit });
    }
    case 'tooManyProblems':
      return t('io.problem.tooManyProblems', { limit: problem.params.limit });
    case 'rootNotObject':
      return t('io.problem.rootNotObject', { format: problem.params.format, found: t(`io.problem.found.${problem.params.found}`) });
    case 'formatMissing':
      return t('io.problem.formatMissing', { format: problem.params.format });
    case 'wrongFormat': {
      const p = problem.params;
      return 'value' in p
        ? t('io.problem.wrongFormat', { format: p.format, value: p.value })
        : t('io.problem.wrongFormatKind', { format: p.format, found: t(`io.problem.found.${p.found}`) });
    }
    case 'versionMissing':
      return t('io.problem.versionMissing', { current: problem.params.current });
    case 'versionTooNew':
      return t('io.problem.versionTooNew', { version: problem.params.version, current: problem.params.current });
    case 'versionUnknown': {
      const { version, oldest, current } = problem.params;
      return t('io.problem.versionUnknown', { version, oldest, current });
    }
    case 'tooLarge': {
      const { limit, unit, size: actual } = problem.params;
      return actual === undefined
        ? t('io.problem.tooLarge', { limit: size(t, limit, unit) })
        : t('io.problem.tooLargeWithSize', { limit: size(t, limit, unit), size: t(`io.problem.size.${unit}`, { count: actual }) });
    }
    case 'mapTooLarge':
      return t('io.problem.mapTooLarge', { limit: size(t, problem.params.limit, 'bytes') });
    case 'tooDeep': {
      const { limit, line, column } = problem.params;
      return t('io.problem.tooDeep', { limit, line, column });
    }
    case 'invalidJson': {
      const p = problem.params;
      if (p.reason === 'engine') return t('io.problem.invalidJsonEngine', { detail: p.detail });
      const found = p.found ?? '';
      const detail =
        p.reason === 'trailingComma'
          ? t(found === '"}"' ? 'io.problem.syntax.trailingCommaObject' : 'io.problem.syntax.trailingCommaArray')
          : t(`io.problem.syntax.${p.reason}`, { close: p.close ?? '', found });
      return t('io.problem.invalidJson', { line: p.line, column: p.column, detail });
    }
    case 'invalidScore':
      return t('io.problem.invalidScore', { min: problem.params.min, max: problem.params.max });
    case 'duplicateConnection':
      return t('io.problem.duplicateConnection', { firstPath: problem.params.firstPath });
    case 'duplicateCell':
      return t('io.problem.duplicateCell', { firstPath: problem.params.firstPath });
    default:
      return t(`io.problem.${problem.code}`);
  }
}

// A key this app lacks shows itself as the key.
const UNWORDED = /\bio\.problem\./;

/** What is wrong, without the path (the import dialog shows the path beside it). */
export function formatProblemMessage(t: Translate, problem: Problem): string {
  // A server of another version may send a code this app does not know, or none at all.
  if (!isProblemCode(problem.code) || typeof problem.params !== 'object' || problem.params === null) return problem.message;
  let complete = true;
  const checked: Translate = (key, params) => {
    if (params && Object.values(params).some((v) => v === undefined || v === null)) complete = false;
    return t(key, params);
  };
  try {
    const text = wordProblem(checked, problem);
    return complete && !UNWORDED.test(text) ? text : problem.message;
  } catch {
    return problem.message;
  }
}

/** The path and what is wrong, in one line (for notices). */
export function formatProblemLine(t: Translate, problem: Problem): string {
  return t('io.problems.line', { message: formatProblemMessage(t, problem), path: problem.path });
}
