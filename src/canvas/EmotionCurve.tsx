// The emotion curve under the map: each stage's average satisfaction (−4 … +4), drawn
// under its column's centre and following pan and zoom. A stage with no rated
// touchpoint leaves a gap rather than pretending to be zero.
import { useMemo } from 'react';
import { useViewport } from '@xyflow/react';
import { GRID, computeGrid } from '../domain/grid';
import { stageAverages, satisfactionTone } from '../domain/satisfaction';
import { useLocaleStore, useT } from '../locales/i18n';
import { useMapState } from '../store/context';
import { formatScore } from '../domain/satisfaction';
import { averageValue, roundedAverage } from './format';

const HEIGHT = 120;
const TOP = 24;
const BOTTOM = 14;
const RANGE = 4;

const yOf = (value: number) => TOP + ((RANGE - value) / (2 * RANGE)) * (HEIGHT - TOP - BOTTOM);

export function EmotionCurve() {
  const stages = useMapState((s) => s.stages);
  const touchpoints = useMapState((s) => s.touchpoints);
  const { x: tx, zoom } = useViewport();
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);

  const columns = useMemo(() => computeGrid(stages, [], []).columns, [stages]);
  const averages = useMemo(() => stageAverages(stages, Object.values(touchpoints)), [stages, touchpoints]);

  // Labels only while columns are wide enough on screen to keep them apart.
  const showValues = GRID.columnWidth * zoom >= 40;
  const points = averages.map((a, i) => {
    const column = columns[i]!;
    return { ...a, title: stages[i]!.title, x: (column.x + column.width / 2) * zoom + tx };
  });

  // One line per run of consecutive rated stages; a gap breaks it.
  const segments: string[] = [];
  let run: string[] = [];
  for (const p of points) {
    if (p.average === null) {
      if (run.length > 1) segments.push(run.join(' '));
      run = [];
      continue;
    }
    run.push(`${run.length === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${yOf(p.average).toFixed(1)}`);
  }
  if (run.length > 1) segments.push(run.join(' '));

  return (
    <div className="cjm-curve" data-testid="emotion-curve">
      <svg className="cjm-curve__svg" width="100%" height={HEIGHT} role="img" aria-label={t('canvas.curve.label')}>
        <line className="cjm-curve__bound" x1="0" x2="100%" y1={yOf(RANGE)} y2={yOf(RANGE)} />
        <line className="cjm-curve__bound" x1="0" x2="100%" y1={yOf(-RANGE)} y2={yOf(-RANGE)} />
        <line className="cjm-curve__zero" x1="0" x2="100%" y1={yOf(0)} y2={yOf(0)} />
        {segments.map((d, i) => (
          <path key={i} className="cjm-curve__line" d={d} />
        ))}
        {points.map((p) => {
          const hint =
            p.average === null
              ? t('canvas.curve.noRating', { stage: p.title })
              : t('canvas.curve.point', { stage: p.title, value: formatScore(p.average, locale) });
          return (
            <g
              key={p.stageId}
              // Coloured like its label reads: an average of 0.04 shows as a grey "0".
              className={`cjm-curve__point cjm-curve__point--${satisfactionTone(p.average === null ? null : roundedAverage(p.average))}`}
              data-testid="emotion-point"
              data-stage-id={p.stageId}
              data-value={averageValue(p.average)}
            >
              <title>{hint}</title>
              {p.average !== null && (
                <>
                  <circle cx={p.x} cy={yOf(p.average)} r={5} />
                  {showValues && (
                    <text
                      className="cjm-curve__value"
                      x={p.x}
                      y={roundedAverage(p.average) >= 0 ? yOf(p.average) - 9 : yOf(p.average) + 17}
                      textAnchor="middle"
                    >
                      {formatScore(p.average, locale)}
                    </text>
                  )}
                </>
              )}
            </g>
          );
        })}
        <g className="cjm-curve__axis">
          <rect x="0" y="0" width="34" height={HEIGHT} className="cjm-curve__axis-bg" />
          <text x="6" y={yOf(RANGE) + 4}>+4</text>
          <text x="6" y={yOf(0) + 4}>0</text>
          <text x="6" y={yOf(-RANGE) + 4}>−4</text>
        </g>
        <text className="cjm-curve__label" x="40" y="15">
          {t('canvas.curve.label')}
        </text>
      </svg>
    </div>
  );
}
