import { describe, expect, it } from 'vitest';
import { attributesInSelectors, iconMaskRule, pictureRules, type RuleLike } from '../../../src/canvas/viewportSvg';

const style = (cssText: string): RuleLike => ({ cssText });
const media = (mediaText: string, rules: RuleLike[]): RuleLike => ({ cssText: `@media ${mediaText} {…}`, media: { mediaText }, conditionText: mediaText, cssRules: rules });
const supports = (conditionText: string, rules: RuleLike[]): RuleLike => ({ cssText: `@supports ${conditionText} {…}`, conditionText, cssRules: rules });
const container = (rules: RuleLike[]): RuleLike => ({ cssText: '@container map-canvas (max-width: 720px) {…}', containerName: 'map-canvas', conditionText: '(max-width: 720px)', cssRules: rules });

describe('pictureRules', () => {
  const conditions = {
    media: (query: string) => query === '(min-width: 1200px)',
    supports: (condition: string) => condition === '(display: grid)',
  };

  it('keeps the rules that apply on the page now, in order, without their conditions', () => {
    const rules = [
      style('.cjm-card { color: red; }'),
      media('(min-width: 1200px)', [style('.cjm-card { padding: 8px; }')]),
      media('(max-width: 640px)', [style('.cjm-card { display: none; }')]),
      supports('(display: grid)', [style('.cjm-grid { display: grid; }'), media('print', [style('.x { color: black; }')])]),
      supports('(field-sizing: content)', [style('.y { field-sizing: content; }')]),
      style('@keyframes spin { to { transform: rotate(360deg); } }'),
    ];
    expect(pictureRules(rules, conditions)).toEqual([
      '.cjm-card { color: red; }',
      '.cjm-card { padding: 8px; }',
      '.cjm-grid { display: grid; }',
      '@keyframes spin { to { transform: rotate(360deg); } }',
    ]);
  });

  it('leaves out container queries: the picture has no query containers', () => {
    expect(pictureRules([container([style('.toolbar span { display: none; }')]), style('.z { top: 0; }')], conditions)).toEqual([
      '.z { top: 0; }',
    ]);
  });
});

describe('iconMaskRule', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 16 16" stroke="currentColor"><path d="M2 2h12"/></svg>';
  const rule = iconMaskRule('cjm-picture-icon-3', svg, 14, 14);

  it('paints a box of the icon\'s size in the text colour, through the icon\'s shape', () => {
    expect(rule.startsWith('.cjm-picture-icon-3{display:inline-block;width:14px;height:14px;background-color:currentColor;')).toBe(true);
    expect(rule).toContain(`mask:url("data:image/svg+xml,${encodeURIComponent(svg)}") 0 0/100% 100% no-repeat`);
  });

  it('keeps the icon\'s markup inside the url: no quote, hash or brace of it reaches the rule', () => {
    const url = rule.slice(rule.indexOf('url("') + 5, rule.indexOf('")'));
    expect(url).not.toMatch(/["#{}<>]/);
    expect(decodeURIComponent(url.replace('data:image/svg+xml,', ''))).toBe(svg);
  });
});

describe('attributesInSelectors', () => {
  it('names every attribute a selector tests, so the copy keeps those', () => {
    const css = [
      ".cjm-lane__input[aria-invalid='true'] { color: red; }",
      '.cjm-card[data-diff] { outline: 1px solid; }',
      '[ data-testid = "pending-changes" ] { top: 0; }',
      '.x:not([Title]) { margin: 0; }',
    ].join('\n');
    expect([...attributesInSelectors(css)].sort()).toEqual(['aria-invalid', 'data-diff', 'data-testid', 'title']);
  });

  it('finds none in rules without attribute selectors', () => {
    expect(attributesInSelectors('.cjm-card { width: calc(100% - 2px); } @media (min-width: 1px) { .a { top: 0; } }').size).toBe(0);
  });
});
