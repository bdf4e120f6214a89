// The React Flow viewport as a self-contained SVG image, fast enough for big maps.
//
// html-to-image copies every computed style property of every element inline (about 350
// setProperty calls each): for a map of 100 cards that took 25 s of frozen page and a
// 30 MB SVG, and 500 cards took almost two minutes. Here the live DOM is cloned natively,
// with its classes and inline styles, inside a copy of its ancestor chain (so selectors like
// `.cjm-canvas .cjm-card` and the CSS variables set on the way down still apply), and the
// page's own style sheets go in once as a <style>. The SVG grows with the map's DOM, not
// with DOM × 350 properties.
import { getViewportForBounds } from '@xyflow/react';

export interface ViewportSvgOptions {
  /** Size of the area to draw, in flow coordinates (the grid), starting at 0,0. */
  width: number;
  height: number;
  /** Elements with any of these classes are left out of the picture. */
  leaveOut: readonly string[];
}

/** Every rule of the page's style sheets as text (all are the app's own, same origin). */
export function pageCss(): string {
  const parts: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a cross-origin sheet (none in this app) cannot be read
    }
    for (const rule of Array.from(rules)) parts.push(rule.cssText);
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
 * The viewport at an explicit transform that shows the area (0,0)–(width,height) at zoom 1,
 * as an SVG data: URL (a blob: URL would make Chromium taint the canvas it is drawn on).
 */
export function viewportSvgUrl(viewport: HTMLElement, options: ViewportSvgOptions): string {
  const { width, height } = options;
  const { x, y, zoom } = getViewportForBounds({ x: 0, y: 0, width, height }, width, height, 1, 1, 0);

  const clone = viewport.cloneNode(true) as HTMLElement;
  copyFieldValues(viewport, clone);
  const selector = options.leaveOut.map((name) => `.${name}`).join(',');
  if (selector) clone.querySelectorAll(selector).forEach((el) => el.remove());
  clone.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
  clone.style.transformOrigin = '0 0';
  clone.style.width = `${width}px`;
  clone.style.height = `${height}px`;

  // Rebuild the chain of ancestors around the clone, outermost first.
  let inner: HTMLElement = clone;
  for (let parent = viewport.parentElement; parent; parent = parent.parentElement) {
    const shell = shellOf(parent, width, height);
    shell.appendChild(inner);
    inner = shell;
  }
  const style = document.createElement('style');
  style.textContent = pageCss();
  const root = document.createElement('div');
  root.style.cssText = `width:${width}px;height:${height}px;overflow:hidden;background:#fff;`;
  root.append(style, inner);

  const body = new XMLSerializer().serializeToString(root);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<foreignObject x="0" y="0" width="100%" height="100%">${body}</foreignObject></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
