// Type-aware lint for the TypeScript sources (src, tests, bench) and plain rules for the JavaScript
// entry points (bin, jest.config.js). Formatting is Prettier's job, run after ESLint by `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeCommonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  process: 'readonly',
  console: 'readonly',
  __dirname: 'readonly',
};

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'sim/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      // Conflicts with strict's no-non-null-assertion (typescript-eslint says use one or the other); we keep that one.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // `(x) => log(x)` as a callback is clear; a void value used anywhere else is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Matches tsc's noUnusedLocals: `const { id: _id, ...rest } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A blank text counts as missing (`name?.trim() || fallback`); for other types `??` is required.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Numbers and booleans read naturally in messages; objects and possibly-undefined values stay rejected.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Tests read the simulators' wire answers as loose JSON (`Json` in tests/helpers/amazon-sim.ts) and check
    // them field by field: the assertions are the type check there.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Stripping and spotting terminal control characters is what these files are for.
    files: [
      'src/output/safe-text.ts',
      'tests/unit/safe-text.test.ts',
      'tests/unit/terminal-output.test.ts',
      'tests/commands/hostile-text.test.ts',
    ],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeCommonJsGlobals },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
);
