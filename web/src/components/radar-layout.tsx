import { type RefObject, useLayoutEffect, useState } from 'react';

/** Longest line of an area name around a radar before it wraps at a space. */
const WRAP_AT = 13;
const LINE_HEIGHT = 1.2;
/** Room between the outer ring and a label (recharts puts the label 8 px out; a little air on top). */
const LABEL_GAP = 12;
const LEGEND_HEIGHT = 32;
const FONT_FALLBACK = '"Liberation Sans", system-ui, sans-serif';

/** An area name in lines of at most WRAP_AT characters, broken at spaces (a longer word keeps its own line). */
export function wrapLabel(text: string, wrapAt = WRAP_AT): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= wrapAt) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** What a radar needs to draw at a width so that every area name fits whole beside it. */
export interface RadarLayout {
  width: number;
  height: number;
  cx: number;
  cy: number;
  outerRadius: number;
  fontSize: number;
}

/** Widths of text lines in the page's font, measured on a canvas (estimated where there is none). */
function measure(lines: string[], fontSize: number): number {
  const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return Math.max(0, ...lines.map((l) => l.length * fontSize * 0.6));
  context.font = `${fontSize}px ${getComputedStyle(document.body).fontFamily || FONT_FALLBACK}`;
  return Math.max(0, ...lines.map((l) => context.measureText(l).width));
}

/**
 * Sizes a radar to its container's width: the rings shrink until the widest wrapped area name
 * fits between the ring and the edge, so labels are never cut (at 375 px as at 1440 px).
 */
export function radarLayout(width: number, names: string[], maxRadius: number): RadarLayout {
  const fontSize = width < 420 ? 11 : 13;
  const wrapped = names.map((n) => wrapLabel(n));
  const labelWidth = measure(wrapped.flat(), fontSize) + 2;
  const lineHeight = fontSize * LINE_HEIGHT;
  const labelHeight = Math.max(1, ...wrapped.map((l) => l.length)) * lineHeight;
  const outerRadius = Math.max(40, Math.min(maxRadius, Math.floor(width / 2 - LABEL_GAP - labelWidth)));
  const top = LABEL_GAP + labelHeight;
  return {
    width,
    height: Math.ceil(top + 2 * outerRadius + LABEL_GAP + labelHeight + LEGEND_HEIGHT),
    cx: width / 2,
    cy: top + outerRadius,
    outerRadius,
    fontSize,
  };
}

/** The width of an element, kept current as it resizes (0 until measured). */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** What recharts hands a custom PolarAngleAxis tick (the parts used here). */
export interface AngleTickProps {
  x?: number;
  y?: number;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  fontSize?: number;
  payload?: { value?: unknown; coordinate?: number };
}

/**
 * An area name beside the radar, wrapped onto lines: names above the chart grow upwards, names
 * below it downwards, names at the sides are centred on their spoke.
 */
export function RadarAngleTick({ x = 0, y = 0, textAnchor = 'middle', fontSize = 12, payload }: AngleTickProps) {
  const lines = wrapLabel(String(payload?.value ?? ''));
  const lineHeight = fontSize * LINE_HEIGHT;
  const sin = Math.sin(((payload?.coordinate ?? 0) * Math.PI) / 180);
  const block = (lines.length - 1) * lineHeight;
  const firstBaseline =
    sin > 0.5 ? -block - fontSize * 0.2 : sin < -0.5 ? fontSize * 0.9 : -block / 2 + fontSize * 0.35;
  return (
    <text x={x} y={y} textAnchor={textAnchor} fontSize={fontSize} fill="#3d4652">
      {lines.map((line, i) => (
        <tspan key={line} x={x} dy={i === 0 ? firstBaseline : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
