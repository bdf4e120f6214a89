// What the browser needs to know about a JSON map file before posting it: the verdict of the
// same `parseMapJson` the server runs, without the parsed map (the server parses it again).
import { parseMapJson, type Problem } from '../../domain/format';

export type MapFileCheck =
  | { ok: true; warnings: Problem[]; title: string; touchpoints: number }
  | { ok: false; status: 400 | 413; problems: Problem[]; warnings: Problem[] };

export function checkMapFileText(text: string): MapFileCheck {
  const result = parseMapJson(text);
  if (!result.ok) return { ok: false, status: result.status, problems: result.problems, warnings: result.warnings };
  return {
    ok: true,
    warnings: result.warnings,
    title: result.value.snapshot.meta.title,
    touchpoints: result.value.snapshot.touchpoints.length,
  };
}
