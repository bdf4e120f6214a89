// The emotion curve under the map: a point per rated touchpoint under its own card (−4 … +4),
// joined left to right, and each stage's average as a second, quieter line. It follows pan and
// zoom; its height can be dragged and is kept per browser. A point's tooltip names its card, and
// a click selects the card and brings it into view.
//
// The marks are drawn once in flow x coordinates inside a group that pan and zoom only
// transform (dots and lines keep their width through `vector-effect`), so a frame of panning
// re-renders one attribute, not a mark per touchpoint. The touchpoints' dots are one path per
// tone, not an element each (2,000 elements with their tooltips cost the first render ~0.7 s):
// the pointer is matched to the nearest point instead, which then gets the tooltip.
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useViewport } from '@xyflow/react';
import { nearestCurvePoint, touchpointCurvePoints, type TouchpointCurvePoint } from '../domain/curve';
import { computeGrid } from '../domain/grid';
import { formatScore, satisfactionTone, stageAverages, type SatisfactionTone } from '../domain/satisfaction';
import type { Id } from '../domain/types';
import type { Locale } from '../domain/locale';
import { useLocaleStore, useT, type Translate } from '../locales/i18n';
import { useMapState, useUiStore } from '../store/context';
import { averageValue, roundedAverage } from './format';
import { CURVE_RANGE, curveY } from './pngLayout';
import { CurveBefore, CurveBeforeKey, useComparedCurve } from './CurveBefore';

export const CURVE_HEIGHT = { initial: 120, min: 90, max: 480 } as const;
const HEIGHT_KEY = 'cjm-studio.curveHeight';
const AXIS_WIDTH = 34;
/** How far from a dot, in screen pixels, the pointer still points at it (the dot is 10 px wide). */
const HIT_RADIUS = 9;
/** Room around the marks' layer for the dots at its ends (screen px). */
const MARKS_PAD = 12;
/** How long a zoom must rest before the marks are drawn again at it. */
const ZOOM_REST_MS = 150;

const clampHeight = (h: number) => Math.round(Math.min(CURVE_HEIGHT.max, Math.max(CURVE_HEIGHT.min, h)));

function savedHeight(): number {
  try {
    const raw = Number(globalThis.localStorage?.getItem(HEIGHT_KEY));
    return Number.isFinite(raw) && raw > 0 ? clampHeight(raw) : CURVE_HEIGHT.initial;
  } catch {
    return CURVE_HEIGHT.initial;
  }
}

function saveHeight(height: number): void {
  try {
    globalThis.localStorage?.setItem(HEIGHT_KEY, String(height));
  } catch {
    // Private mode or storage full: the height lasts for this page only.
  }
}

/** The gridlines: every whole value, labelled every 2 (every 1 once there is room). */
const GRID_VALUES = [4, 3, 2, 1, 0, -1, -2, -3, -4];
const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `\u2212${-v}` : '0');

export function EmotionCurve() {
  const stages = useMapState((s) => s.stages);
  const channels = useMapState((s) => s.channels);
  const touchpoints = useMapState((s) => s.touchpoints);
  const { x: tx, zoom } = useViewport();
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const ui = useUiStore();
  const [height, setHeight] = useState(savedHeight);

  const columns = useMemo(() => computeGrid(stages, [], []).columns, [stages]);
  const averages = useMemo(() => stageAverages(stages, Object.values(touchpoints)), [stages, touchpoints]);
  const points = useMemo(
    () => touchpointCurvePoints(columns, channels, Object.values(touchpoints)),
    [columns, channels, touchpoints],
  );
  // While a saved review is compared: its curve, under today's.
  const compared = useComparedCurve(columns, channels, touchpoints, points);

  // The stage average sits under its column's centre.
  const stageMarks = useMemo(
    () =>
      averages.map((a, i) => {
        const column = columns[i]!;
        return { ...a, title: stages[i]!.title, x: column.x + column.width / 2 };
      }),
    [averages, columns, stages],
  );

  // ---- the point under the pointer: its tooltip, and a click on a touchpoint's selects its card
  const stagePoints = useMemo(
    () => stageMarks.flatMap((m) => (m.average === null ? [] : [{ stageId: m.stageId, x: m.x, value: m.average }])),
    [stageMarks],
  );
  const [hovered, setHovered] = useState<{ touchpointId: Id } | { stageId: Id } | null>(null);
  /** The touchpoint's dot under the pointer, else the stage average's. */
  const pointAt = (e: PointerEvent<SVGSVGElement>): { touchpointId: Id } | { stageId: Id } | null => {
    const box = e.currentTarget.getBoundingClientRect();
    // Dots under the axis strip are hidden: nothing there to point at.
    if (e.clientX - box.left < AXIS_WIDTH) return null;
    const [x, y] = [(e.clientX - box.left - tx) / zoom, e.clientY - box.top];
    const scale = { y: (value: number) => curveY(value, height), xScale: zoom, radius: HIT_RADIUS };
    const point = nearestCurvePoint(points, x, y, scale);
    if (point) return { touchpointId: point.touchpointId };
    const stage = nearestCurvePoint(stagePoints, x, y, scale);
    return stage && { stageId: stage.stageId };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const next = pointAt(e);
    if (JSON.stringify(next) !== JSON.stringify(hovered)) setHovered(next);
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    const point = pointAt(e);
    if (!point || !('touchpointId' in point)) return;
    const s = ui.getState();
    s.selectTouchpoints([point.touchpointId], point.touchpointId);
    s.centerOn(point.touchpointId);
  };
  // A point that left the map (deleted, unrated) takes its tooltip with it.
  const shown = hovered && 'touchpointId' in hovered ? points.find((p) => p.touchpointId === hovered.touchpointId) : undefined;
  const shownStage = hovered && 'stageId' in hovered ? stageMarks.find((m) => m.stageId === hovered.stageId && m.average !== null) : undefined;
  const tip = shown
    ? {
        x: shown.x,
        value: shown.value,
        text: t('canvas.curve.touchpoint', {
          touchpoint: touchpoints[shown.touchpointId]?.title ?? '',
          stage: stages.find((stage) => stage.id === shown.stageId)?.title ?? '',
          value: formatScore(shown.value, locale),
        }),
      }
    : shownStage
      ? { x: shownStage.x, value: shownStage.average!, text: t('canvas.curve.point', { stage: shownStage.title, value: formatScore(shownStage.average, locale) }) }
      : null;

  // ---- dragging the top edge makes the curve taller or shorter
  const drag = useRef<{ y: number; height: number } | null>(null);
  const onResizeDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, height };
  };
  const onResizeMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    setHeight(clampHeight(drag.current.height + drag.current.y - e.clientY));
  };
  const onResizeUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
    saveHeight(height);
  };

  // The same from the keyboard: the separator takes focus, arrows resize by 20 px.
  const onResizeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowUp' ? 20 : e.key === 'ArrowDown' ? -20 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = clampHeight(height + step);
    setHeight(next);
    saveHeight(next);
  };

  const y = (value: number) => curveY(value, height);
  const roomy = height >= 180;
  // While a zoom goes on, the layer drawn at the zoom it started from is scaled by the compositor;
  // it is drawn again once the zoom has rested (a redraw per wheel step repaints every dot).
  const [drawnZoom, setDrawnZoom] = useState(zoom);
  useEffect(() => {
    if (zoom === drawnZoom) return;
    const settle = setTimeout(() => setDrawnZoom(zoom), ZOOM_REST_MS);
    return () => clearTimeout(settle);
  }, [zoom, drawnZoom]);
  const stretch = zoom / drawnZoom;
  // Value labels only while columns are wide enough on screen to keep them apart.
  const showValues = columns.length > 0 && columns[0]!.width * drawnZoom >= 40;
  // The flow width the marks span (the grid's columns start at x 0).
  const span = columns.length > 0 ? columns[columns.length - 1]!.x + columns[columns.length - 1]!.width : 0;

  return (
    <div className="cjm-curve" data-testid="emotion-curve" data-height={height} style={{ flexBasis: height, height }}>
      <div
        className="cjm-curve__resize"
        data-testid="curve-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('canvas.curve.resize')}
        title={t('canvas.curve.resize')}
        onPointerDown={onResizeDown}
        onPointerMove={onResizeMove}
        onPointerUp={onResizeUp}
        onPointerCancel={onResizeUp}
        onKeyDown={onResizeKey}
        tabIndex={0}
        aria-valuenow={height}
        aria-valuemin={CURVE_HEIGHT.min}
        aria-valuemax={CURVE_HEIGHT.max}
      />
      <svg
        className={`cjm-curve__svg${shown ? ' is-pointing' : ''}`}
        width="100%"
        height={height}
        role="img"
        aria-label={t('canvas.curve.label')}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHovered(null)}
        onPointerDown={onPointerDown}
      >
        {GRID_VALUES.map((v) => (
          <line
            key={v}
            className={v === 0 ? 'cjm-curve__zero' : Math.abs(v) === CURVE_RANGE ? 'cjm-curve__bound' : 'cjm-curve__grid'}
            x1="0"
            x2="100%"
            y1={y(v)}
            y2={y(v)}
          />
        ))}
      </svg>
      {/* The marks on their own compositor layer, drawn for the current zoom and moved by a CSS
          transform: a pan moves the layer (no repaint of thousands of dots), a zoom redraws it. */}
      <svg
        className="cjm-curve__marks"
        width={span * drawnZoom + 2 * MARKS_PAD}
        height={height}
        style={{ transform: `translate3d(${tx - MARKS_PAD * stretch}px, 0, 0)${stretch === 1 ? '' : ` scale(${stretch}, 1)`}` }}
        aria-hidden="true"
      >
        <g transform={`translate(${MARKS_PAD} 0) scale(${drawnZoom} 1)`}>
          {compared && <CurveBefore curve={compared.curve} height={height} />}
          <CurveMarks points={points} stageMarks={stageMarks} height={height} locale={locale} t={t} />
          {shown && (
            <path
              className={`cjm-curve__dot cjm-curve__dot--${satisfactionTone(shown.value)} is-hovered`}
              data-testid="emotion-touchpoint"
              data-touchpoint-id={shown.touchpointId}
              data-value={shown.value}
              d={`M${shown.x},${y(shown.value)}h0`}
            />
          )}
        </g>
        {showValues &&
          stageMarks.map((p) =>
            p.average === null ? null : (
              <text
                key={p.stageId}
                className={`cjm-curve__value cjm-curve__value--${satisfactionTone(roundedAverage(p.average))}`}
                x={p.x * drawnZoom + MARKS_PAD}
                y={roundedAverage(p.average) >= 0 ? y(p.average) - 9 : y(p.average) + 17}
                textAnchor="middle"
              >
                {formatScore(p.average, locale)}
              </text>
            ),
          )}
      </svg>
      <svg className="cjm-curve__overlay" width="100%" height={height} aria-hidden="true">
        <g className="cjm-curve__axis">
          <rect x="0" y="0" width={AXIS_WIDTH} height={height} className="cjm-curve__axis-bg" />
          {GRID_VALUES.filter((v) => roomy || v % 2 === 0).map((v) => (
            <text key={v} x="6" y={y(v) + 4}>
              {signed(v)}
            </text>
          ))}
        </g>
        <text className="cjm-curve__label" x={AXIS_WIDTH + 6} y="15">
          {t('canvas.curve.label')}
        </text>
        <g className="cjm-curve__key" transform={`translate(${AXIS_WIDTH + 150} 11)`}>
          <line className="cjm-curve__line" x1="0" x2="16" y1="0" y2="0" />
          <text x="21" y="4">
            {t('canvas.curve.touchpoints')}
          </text>
          <line className="cjm-curve__average" x1="120" x2="136" y1="0" y2="0" />
          <text x="141" y="4">
            {t('canvas.curve.stageAverage')}
          </text>
        </g>
      </svg>
      {tip && (
        <div
          className="cjm-curve__tip"
          role="tooltip"
          data-testid="curve-tooltip"
          // Above the point, or below it when the point is near the top edge.
          style={{ left: tip.x * zoom + tx, top: y(tip.value), transform: `translate(-50%, ${y(tip.value) < 40 ? '12px' : 'calc(-100% - 12px)'})` }}
        >
          {tip.text}
        </div>
      )}
      {compared && <CurveBeforeKey name={compared.name} date={compared.date} />}
    </div>
  );
}

interface CurveMarksProps {
  points: readonly TouchpointCurvePoint[];
  stageMarks: readonly { stageId: Id; title: string; x: number; average: number | null }[];
  height: number;
  locale: Locale;
  t: Translate;
}

const DOT_TONES: readonly SatisfactionTone[] = ['negative', 'neutral', 'positive'];

/** Everything in flow x: re-rendered when the data or the height changes, never while panning. */
const CurveMarks = memo(function CurveMarks({ points, stageMarks, height, locale, t }: CurveMarksProps) {
  const y = (value: number) => curveY(value, height);
  const averageSegments = runs(stageMarks.map((p) => (p.average === null ? null : { x: p.x, y: y(p.average) })));
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  // A dot is a zero-length subpath with a round cap; one path holds every dot of a tone.
  const dots = new Map<SatisfactionTone, string[]>();
  for (const p of points) {
    const tone = satisfactionTone(p.value);
    const list = dots.get(tone) ?? [];
    list.push(`M${p.x.toFixed(1)},${y(p.value).toFixed(1)}h0`);
    dots.set(tone, list);
  }
  return (
    <>
      {averageSegments.map((d, i) => (
        <path key={`avg${i}`} className="cjm-curve__average" d={d} />
      ))}
      {stageMarks.map((p) => (
        <g
          key={p.stageId}
          // Coloured like its label reads: an average of 0.04 shows as a grey "0".
          className={`cjm-curve__point cjm-curve__point--${satisfactionTone(p.average === null ? null : roundedAverage(p.average))}`}
          data-testid="emotion-point"
          data-stage-id={p.stageId}
          data-value={averageValue(p.average)}
        >
          <title>
            {p.average === null
              ? t('canvas.curve.noRating', { stage: p.title })
              : t('canvas.curve.point', { stage: p.title, value: formatScore(p.average, locale) })}
          </title>
          {p.average !== null && <path className="cjm-curve__average-dot" d={`M${p.x},${y(p.average)}h0`} />}
        </g>
      ))}
      {points.length > 1 && <path className="cjm-curve__line" d={line} />}
      {DOT_TONES.map((tone) =>
        dots.has(tone) ? (
          <path
            key={tone}
            className={`cjm-curve__dot cjm-curve__dot--${tone}`}
            data-testid={`emotion-dots-${tone}`}
            data-count={dots.get(tone)!.length}
            d={dots.get(tone)!.join(' ')}
          />
        ) : null,
      )}
    </>
  );
});

/** SVG paths for each run of consecutive marks; a missing one (null) breaks the line. */
function runs(marks: readonly ({ x: number; y: number } | null)[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  for (const m of marks) {
    if (m === null) {
      if (run.length > 1) out.push(run.join(' '));
      run = [];
      continue;
    }
    run.push(`${run.length === 0 ? 'M' : 'L'}${m.x.toFixed(1)},${m.y.toFixed(1)}`);
  }
  if (run.length > 1) out.push(run.join(' '));
  return out;
}
