// A field check's problem (src/domain/fields.ts) as the sentence the user reads.
import type { FieldProblem } from '../domain/fields';
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
