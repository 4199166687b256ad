import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * The process boundaries as an allow-list: each class of files (shared/, the renderer,
 * core, the hosts, the preload, the entry files) names the packages and the folders it may
 * import; anything else is an error. Hand-written because `no-restricted-imports` matches
 * import strings, not resolved paths ('../../electron/x' and '../electron/x' are the same
 * folder), and a deny-list lets every new Node-only package slip into the browser bundle.
 *
 * Options: {
 *   name: 'the renderer',                 // for the message
 *   packages: ['react', ...] | '*',       // packages allowed ('*': any but `deniedPackages`)
 *   deniedPackages?: ['electron', ...],   // with packages '*'
 *   node?: boolean,                       // Node built-ins (node:fs, path, ...) allowed
 *   dirs: ['renderer', 'shared'],         // project folders (or files) relative imports may reach
 *   why: 'it runs in the browser',        // the reason, shown with each error
 * }
 */

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function within(target, entry) {
  return target === entry || target.startsWith(`${entry}/`);
}

/** @type {import('eslint').Rule.RuleModule} */
const processBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Each process class imports only the packages and folders it is allowed.' },
    schema: [
      {
        type: 'object',
        properties: {
          name: { type: 'string' },
          packages: { anyOf: [{ const: '*' }, { type: 'array', items: { type: 'string' } }] },
          deniedPackages: { type: 'array', items: { type: 'string' } },
          node: { type: 'boolean' },
          dirs: { type: 'array', items: { type: 'string' } },
          why: { type: 'string' },
        },
        required: ['name', 'packages', 'dirs', 'why'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: "{{name}} may not import '{{specifier}}' ({{what}}): {{why}}.",
    },
  },
  create(context) {
    const options = context.options[0];
    const root = context.cwd;
    const dirs = options.dirs.map((d) => d.replace(/\/$/, ''));
    const denied = new Set(options.deniedPackages ?? []);

    function problem(specifier) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const resolved = path.relative(root, path.resolve(path.dirname(context.filename), specifier)).split(path.sep).join('/');
        if (dirs.some((dir) => within(resolved, dir))) return null;
        return `the file ${resolved}; allowed folders: ${dirs.join(', ')}`;
      }
      if (builtins.has(specifier) || specifier.startsWith('node:')) return options.node ? null : 'a Node built-in';
      const name = packageOf(specifier);
      if (options.packages === '*') return denied.has(name) ? `the package ${name}` : null;
      if (options.packages.includes(name)) return null;
      return `the package ${name}; allowed: ${options.packages.join(', ') || 'none'}`;
    }

    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const what = problem(source.value);
      if (what !== null) {
        context.report({ node: source, messageId: 'forbidden', data: { name: options.name, specifier: source.value, what, why: options.why } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'process-boundaries': processBoundaries } };
