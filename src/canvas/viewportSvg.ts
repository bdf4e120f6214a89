// The React Flow viewport as a self-contained SVG image, fast enough for big maps.
//
// html-to-image copies every computed style property of every element inline (about 350
// setProperty calls each): for a map of 100 cards that took 25 s of frozen page and a
// 30 MB SVG, and 500 cards took almost two minutes. Here the live DOM is cloned natively,
// with its classes and inline styles, inside a copy of its ancestor chain (so selectors like
// `.cjm-canvas .cjm-card` and the CSS variables set on the way down still apply), and the
// page's own style sheets go in once as a <style>. The SVG grows with the map's DOM, not
// with DOM × 350 properties. The cards' inline svg icons, each a little document for the
// browser to parse and lay out, become boxes painted through a CSS mask (iconsAsMasks).
import { getViewportForBounds } from '@xyflow/react';

export interface ViewportSvgOptions {
  /** Size of the area to draw, in flow coordinates (the grid), starting at 0,0. */
  width: number;
  height: number;
  /** Flow x where the area starts (the persona column lies left of the grid); 0 unless given. */
  left?: number;
  /** Elements with any of these classes are left out of the picture. */
  leaveOut: readonly string[];
}

/** A rule as the picture needs to see it (CSSOM rules, or plain objects in tests). */
export interface RuleLike {
  cssText: string;
  cssRules?: ArrayLike<RuleLike>;
  media?: { mediaText: string };
  conditionText?: string;
  containerName?: string;
}

export interface Conditions {
  media: (query: string) => boolean;
  supports: (condition: string) => boolean;
}

/**
 * The rules as they apply to the page right now: a matching @media or @supports block becomes
 * its plain rules, one that does not match is left out, and so are @container blocks (the
 * picture has no query containers, see shellOf). The picture then shows what the user sees,
 * and the browser has no conditions to re-evaluate when the image is drawn (measured: a
 * tenth of a second less to draw a 500-touchpoint map).
 */
export function pictureRules(rules: ArrayLike<RuleLike>, conditions: Conditions): string[] {
  const out: string[] = [];
  for (const rule of Array.from(rules)) {
    if (rule.containerName !== undefined) continue;
    if (rule.media && rule.cssRules) {
      if (conditions.media(rule.media.mediaText)) out.push(...pictureRules(rule.cssRules, conditions));
    } else if (rule.conditionText !== undefined && rule.cssRules) {
      if (conditions.supports(rule.conditionText)) out.push(...pictureRules(rule.cssRules, conditions));
    } else {
      out.push(rule.cssText);
    }
  }
  return out;
}

/** The page's style sheets (all the app's own, same origin) as the picture's one style sheet. */
export function pageCss(): string {
  const conditions: Conditions = {
    media: (query) => window.matchMedia(query).matches,
    supports: (condition) => CSS.supports(condition),
  };
  const parts: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a cross-origin sheet (none in this app) cannot be read
    }
    parts.push(...pictureRules(rules as ArrayLike<RuleLike>, conditions));
  }
  return parts.join('\n');
}

/** The shell of one ancestor: its tag, classes, attributes and CSS variables, sized to the picture. */
function shellOf(element: Element, width: number, height: number): HTMLElement {
  // <html> and <body> cannot nest inside a foreignObject; a div keeps their classes.
  const tag = element === document.documentElement || element === document.body ? 'div' : element.tagName.toLowerCase();
  const shell = document.createElement(tag);
  for (const attr of Array.from(element.attributes)) {
    if (attr.name === 'id' || attr.name === 'style') continue;
    shell.setAttribute(attr.name, attr.value);
  }
  // Keep custom properties set inline on the way down (lane colours, React Flow's variables).
  const inline = (element as HTMLElement).style;
  if (inline) for (const name of Array.from(inline)) if (name.startsWith('--')) shell.style.setProperty(name, inline.getPropertyValue(name));
  Object.assign(shell.style, {
    position: 'relative',
    display: 'block',
    left: '0',
    top: '0',
    width: `${width}px`,
    height: `${height}px`,
    minWidth: '0',
    minHeight: '0',
    margin: '0',
    padding: '0',
    border: '0',
    overflow: 'visible',
    transform: 'none',
    background: 'transparent',
    // Not a query container (the canvas is one for its toolbar): the browser would otherwise
    // style the whole map a second time while laying it out.
    containerType: 'normal',
  });
  return shell;
}

/** Values typed into fields live in properties, not attributes: copy them so they show. */
function copyFieldValues(from: Element, to: Element): void {
  const sources = from.querySelectorAll('input, textarea');
  const targets = to.querySelectorAll('input, textarea');
  sources.forEach((source, i) => {
    const target = targets[i];
    if (!target) return;
    if (source instanceof HTMLTextAreaElement) target.textContent = source.value;
    else if (source instanceof HTMLInputElement) target.setAttribute('value', source.value);
  });
}

/**
 * Drawing-only rules added after the page's own. Connections are long strokes, mostly straight
 * up/down or across: anti-aliasing them in software costs about half a second for 600 of them
 * at 2×, and at that scale a crisp 3–4 px line looks the same (the arrowheads keep theirs).
 */
export const PICTURE_CSS = '.react-flow__edge-path{shape-rendering:crispEdges}';

export interface ViewportCopy {
  /** The copied ancestors, outermost first, with the viewport's copy inside (not in the document). */
  frame: HTMLElement;
  /** The copy of the `.react-flow__viewport` element, at the transform that shows the area. */
  viewport: HTMLElement;
  /** Rules the copy needs beyond the page's own: its icons (iconsAsMasks). */
  css: string[];
}

/** The app's one-colour stroke icons (`<Icon>`, src/ui/icons.tsx). */
const ICON_SELECTOR = 'svg.cjm-icon';
const ICON_CLASS_PREFIX = 'cjm-picture-icon-';

/**
 * The rule that paints one icon in the picture: a box of the icon's size filled with the text
 * colour through the icon's shape as a mask, so it takes its colour from the CSS as the inline
 * svg did (`currentColor`). `svg`: the icon as a standalone SVG document.
 */
export function iconMaskRule(className: string, svg: string, width: number, height: number): string {
  const mask = `url("data:image/svg+xml,${encodeURIComponent(svg)}") 0 0/100% 100% no-repeat`;
  return (
    `.${className}{display:inline-block;width:${width}px;height:${height}px;` +
    `background-color:currentColor;-webkit-mask:${mask};mask:${mask}}`
  );
}

/**
 * Each icon of the copy becomes an empty element drawn by a mask rule, one rule per distinct
 * icon; returns the rules. A 500-touchpoint map has ~4,300 inline svgs, a third of the picture's
 * SVG text, each parsed, styled and laid out as a little document of its own: a fifth to a
 * quarter of the time the picture took to load (docs/PERFORMANCE.md, third session).
 */
export function iconsAsMasks(root: Element): string[] {
  const rules: string[] = [];
  const classByShape = new Map<string, string>();
  const serializer = new XMLSerializer();
  for (const icon of Array.from(root.querySelectorAll(ICON_SELECTOR))) {
    const width = Number(icon.getAttribute('width'));
    const height = Number(icon.getAttribute('height'));
    if (!(width > 0 && height > 0)) continue;
    const attributes = Array.from(icon.attributes, (a) => (a.name === 'class' ? '' : `${a.name}=${a.value}`));
    const shape = `${attributes.join(' ')} ${icon.innerHTML}`;
    let className = classByShape.get(shape);
    if (className === undefined) {
      className = `${ICON_CLASS_PREFIX}${classByShape.size}`;
      classByShape.set(shape, className);
      const standalone = icon.cloneNode(true) as Element;
      standalone.removeAttribute('class');
      rules.push(iconMaskRule(className, serializer.serializeToString(standalone), width, height));
    }
    const box = document.createElement('i');
    box.className = `${icon.getAttribute('class') ?? ''} ${className}`;
    icon.replaceWith(box);
  }
  return rules;
}

/**
 * A copy of the viewport at an explicit transform that shows the area (0,0)–(width,height) at
 * zoom 1, inside copies of its ancestors. Synchronous and cheap (a native deep clone): once it
 * returns, the live canvas may change or go back to what the user was looking at.
 */
export function copyViewport(viewport: HTMLElement, options: ViewportSvgOptions): ViewportCopy {
  const { width, height } = options;
  const { x, y, zoom } = getViewportForBounds({ x: 0, y: 0, width, height }, width, height, 1, 1, 0);

  const clone = viewport.cloneNode(true) as HTMLElement;
  copyFieldValues(viewport, clone);
  const selector = options.leaveOut.map((name) => `.${name}`).join(',');
  if (selector) clone.querySelectorAll(selector).forEach((el) => el.remove());
  const css = iconsAsMasks(clone);
  // The live viewport may be hidden while a big map is rendered in full for the picture (PngExportLayer).
  clone.style.removeProperty('display');
  clone.style.transform = `translate(${x - (options.left ?? 0)}px, ${y}px) scale(${zoom})`;
  clone.style.transformOrigin = '0 0';
  clone.style.width = `${width}px`;
  clone.style.height = `${height}px`;

  // Rebuild the chain of ancestors around the clone, outermost first.
  let frame: HTMLElement = clone;
  for (let parent = viewport.parentElement; parent; parent = parent.parentElement) {
    const shell = shellOf(parent, width, height);
    shell.appendChild(frame);
    frame = shell;
  }
  return { frame, viewport: clone, css };
}

/** Attributes the picture never shows: tooltips, accessibility and test hooks. */
const UNSEEN_ATTRIBUTE = /^(?:title|role|tabindex|aria-.+|data-testid)$/;

/** The attribute names a style sheet's selectors test (`[name]`, `[name="…"]`). */
export function attributesInSelectors(css: string): Set<string> {
  return new Set(Array.from(css.matchAll(/\[\s*([a-zA-Z_][\w-]*)/g), (match) => match[1]!.toLowerCase()));
}

/** Leaves out of the copy the unseen attributes no rule selects on: less SVG text to write and parse. */
function dropUnseenAttributes(root: Element, selected: ReadonlySet<string>): void {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    for (const name of element.getAttributeNames()) {
      if (UNSEEN_ATTRIBUTE.test(name) && !selected.has(name)) element.removeAttribute(name);
    }
  }
}

/**
 * The copy as an SVG data: URL (a blob: URL would make Chromium taint the canvas it is drawn
 * on), with the page's style sheets inside and a white background.
 */
export function viewportCopySvgUrl(copy: ViewportCopy, width: number, height: number): string {
  const style = document.createElement('style');
  style.textContent = [pageCss(), PICTURE_CSS, ...copy.css].join('\n');
  dropUnseenAttributes(copy.frame, attributesInSelectors(style.textContent));
  const root = document.createElement('div');
  root.style.cssText = `width:${width}px;height:${height}px;overflow:hidden;background:#fff;`;
  root.append(style, copy.frame);

  const body = new XMLSerializer().serializeToString(root);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<foreignObject x="0" y="0" width="100%" height="100%">${body}</foreignObject></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
