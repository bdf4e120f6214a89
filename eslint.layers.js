// The `layers/allowed-imports` rule: each file belongs to one row of the layer table (the row whose
// path is the longest prefix of its own) and may import only what that row lists; anything else,
// ours or npm, is an error. The table itself is data in eslint.config.js, mirrored in
// docs/ARCHITECTURE.md (tests/unit/architecture.test.ts keeps the two equal).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILTINS = new Set(builtinModules);
// Table paths are relative to the repository root, where this file lives (not to where eslint runs).
const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** 'zustand/vanilla' → 'zustand', '@xyflow/react/x' → '@xyflow/react', 'fs' → 'node:fs'. */
function packageOf(specifier) {
  if (specifier.startsWith('node:')) return specifier.split('/')[0];
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? `node:${name}` : name;
}

const packageAllowed = (name, list) =>
  list.includes('*') || list.includes(name) || (name.startsWith('node:') && list.includes('node:*'));

/** The table row a repository path belongs to: the longest row path it starts with. */
function rowOf(relative, rows) {
  let best = null;
  for (const row of Object.keys(rows)) {
    // A folder row holds everything under it; a file row is matched with or without its extension.
    const inside = row.endsWith('/')
      ? `${relative}/`.startsWith(row)
      : relative === row || relative === row.replace(/\.[cm]?[jt]sx?$/, '');
    if (inside && (best === null || row.length > best.length)) best = row;
  }
  return best;
}

const toPosix = (p) => p.split(path.sep).join('/');

/** The string a literal or an expression-free template literal holds, else null. */
function literalOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return literalOf(node.literal);
  return null;
}

const allTypes = (specifiers, kind) => specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');

const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only what its row of the layer table allows (docs/ARCHITECTURE.md).' },
    schema: [
      {
        type: 'object',
        properties: {
          layers: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              properties: {
                ours: { type: 'array', items: { type: 'string' } },
                oursTypesOnly: { type: 'array', items: { type: 'string' } },
                npm: { type: 'array', items: { type: 'string' } },
              },
              required: ['ours', 'npm'],
              additionalProperties: false,
            },
          },
        },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      ours: "{{from}} may not import {{to}} ('{{specifier}}'). It may import: {{allowed}}. The table: docs/ARCHITECTURE.md.",
      typesOnly: "{{from}} may import only types from {{to}} ('{{specifier}}'): use `import type`.",
      outside: "{{from}} may not import '{{specifier}}': it is outside every folder of the layer table (docs/ARCHITECTURE.md).",
      npm: "{{from}} may not import the package '{{name}}'. Packages it may import: {{allowed}}. The table: docs/ARCHITECTURE.md.",
      notInTable: 'This folder is not in the layer table: add a row to docs/ARCHITECTURE.md and eslint.config.js.',
      notLiteral: '{{from}} imports a computed path, which the layer table cannot check: use a string literal.',
    },
  },
  create(context) {
    const { layers } = context.options[0];
    const file = toPosix(path.relative(ROOT, context.filename));
    const from = rowOf(file, layers);
    if (from === null) {
      // Files at the top (configs) are outside the layers; a new folder under src/ must join the table.
      if (file.startsWith('src/')) {
        return { Program: (node) => context.report({ node, messageId: 'notInTable' }) };
      }
      return {};
    }
    const row = layers[from];
    const list = (items) => (items.length ? items.join(', ') : 'nothing');

    function check(node, specifier, typeOnly) {
      if (specifier === null) {
        context.report({ node, messageId: 'notLiteral', data: { from } });
        return;
      }
      const bare = specifier.replace(/[?#].*$/, '');
      if (!bare.startsWith('.') && !bare.startsWith('/')) {
        const name = packageOf(bare);
        if (!packageAllowed(name, row.npm)) {
          context.report({ node, messageId: 'npm', data: { from, name, allowed: list(row.npm) } });
        }
        return;
      }
      if (row.ours.includes('*')) return;
      const target = toPosix(path.relative(ROOT, path.resolve(path.dirname(context.filename), bare)));
      const to = rowOf(target, layers);
      if (to === null) {
        context.report({ node, messageId: 'outside', data: { from, specifier } });
      } else if (to === from || row.ours.includes(to)) {
        return;
      } else if ((row.oursTypesOnly ?? []).includes(to)) {
        if (!typeOnly) context.report({ node, messageId: 'typesOnly', data: { from, to, specifier } });
      } else {
        const allowed = [...row.ours, ...(row.oursTypesOnly ?? []).map((r) => `${r} (types only)`)];
        context.report({ node, messageId: 'ours', data: { from, to, specifier, allowed: list(allowed) } });
      }
    }

    return {
      ImportDeclaration: (node) =>
        check(node, node.source.value, node.importKind === 'type' || allTypes(node.specifiers, 'importKind')),
      ExportNamedDeclaration: (node) => {
        if (node.source) check(node, node.source.value, node.exportKind === 'type' || allTypes(node.specifiers, 'exportKind'));
      },
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, literalOf(node.source), false),
      // `typeof import('yjs')` and `import('yjs').Doc` in a type: a type-only import.
      TSImportType: (node) => check(node, literalOf(node.source ?? node.argument), true),
      // `new Worker(new URL('./x.worker.ts', import.meta.url))`: the bundler follows it like an import.
      NewExpression: (node) => {
        const [first, base] = node.arguments;
        const isModuleUrl =
          node.callee.type === 'Identifier' &&
          node.callee.name === 'URL' &&
          base?.type === 'MemberExpression' &&
          base.object.type === 'MetaProperty' &&
          base.property.type === 'Identifier' &&
          base.property.name === 'url';
        if (isModuleUrl) check(node, literalOf(first), false);
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node, literalOf(node.arguments[0]), false);
        }
      },
    };
  },
};

export const layersPlugin = { rules: { 'allowed-imports': allowedImports } };
