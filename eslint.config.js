import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** DESIGN.md §5, "what may import what", as lint rules: a wrong import fails `npm test`. */
const ELECTRON_PACKAGE = [{ name: 'electron', message: 'Chỉ electron/main (và preload) được dùng API của Electron.' }];
const only = (patterns, paths = ELECTRON_PACKAGE) => ['error', { patterns, paths }];
const NODE = { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], message: 'Chỉ tiến trình chính được dùng Node và cơ sở dữ liệu.' };

export default tseslint.config(
  { ignores: ['dist/', 'release/', '.native/', 'node_modules/', 'db/migrations/', 'tests/.tmp/', 'demo-out/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_PACKAGE,
          patterns: [
            NODE,
            { group: ['**/db/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/shell/**', '**/electron/cli/**'], message: 'Giao diện chỉ nói chuyện qua hợp đồng (renderer/api).' },
            // The pure text rules (collation, search, dates, points) are shared so a date or a score reads the same on
            // screen and on paper; the pure scoring rules and the criteria table's checks, so totals and checks follow the
            // typing without a round trip; the file types each picker offers, for the browser's chooser.
            { regex: 'electron/services/(?!text/(vietnamese|points)$|scoring/(rules|check)$|units-keys/unit-kinds$|files/document-kinds$)', message: 'Giao diện chỉ nói chuyện qua hợp đồng (renderer/api); chỉ quy tắc chữ, ngày, điểm (electron/services/text), quy tắc chấm điểm và kiểm tra bảng tiêu chí (electron/services/scoring/rules, scoring/check), tên các loại đơn vị (units-keys/unit-kinds) và loại tệp được chọn (electron/services/files/document-kinds) là dùng chung.' },
            { group: ['**/electron/ipc/**'], allowTypeImports: true, message: 'Giao diện chỉ được "import type" từ electron/ipc.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': only([NODE, { group: ['../services/**', '../main/**', '../../db/**', 'zod'], message: 'Preload chỉ dùng contextBridge, ipcRenderer và danh sách kênh.' }], []) },
  },
  {
    files: ['electron/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': only([
        NODE,
        // The contract reuses the domain's schemas (services/<capability>/schemas.ts, pure zod) and nothing else of the services.
        { regex: '^\\.\\./services/(?![\\w-]+/([\\w-]+-)?schemas$)', message: 'Hợp đồng chỉ phụ thuộc zod và các lược đồ nghiệp vụ (services/*/schemas).' },
        { group: ['../main/**', '../../db/**', '../../renderer/**'], message: 'Hợp đồng chỉ phụ thuộc zod và các lược đồ nghiệp vụ.' },
      ]),
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts', 'electron/shell/**/*.ts', 'db/**/*.ts'],
    rules: { 'no-restricted-imports': only([{ group: ['**/renderer/**', '**/preload/**'], message: 'Nghiệp vụ không phụ thuộc giao diện hay preload.' }]) },
  },
  {
    // The transport-neutral dispatch: used by Electron IPC and the browser bridge alike, so never electron itself.
    files: ['electron/api/**/*.ts'],
    rules: { 'no-restricted-imports': only([{ group: ['**/main/**', '**/shell/**', '**/cli/**', '**/renderer/**', '**/preload/**'], message: 'electron/api dùng chung cho IPC và cầu nối trình duyệt: không phụ thuộc vỏ ứng dụng hay Electron.' }]) },
  },
  {
    files: ['electron/services/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': only([{ group: ['**/main/**', '**/shell/**', '**/cli/**', '**/renderer/**', '**/preload/**'], message: 'Nghiệp vụ và cơ sở dữ liệu không phụ thuộc vỏ ứng dụng.' }]),
      // The contract reuses the domain's schemas, never the other way round; its types may still be named.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/ipc/**'], allowTypeImports: true, message: 'Nghiệp vụ không dùng hợp đồng IPC lúc chạy: lược đồ nghiệp vụ nằm trong services/<năng lực>/schemas.ts.' }] }],
    },
  },
  {
    // Schemas are reused by the contract, which the renderer reads for types: zod and other schemas only (and the
    // plain list of unit kinds, kept free of zod for the criteria checks the renderer runs).
    files: ['electron/services/*/*schemas.ts'],
    rules: { 'no-restricted-imports': only([NODE, { regex: '(^|/)db/|^\\.\\./(?![\\w-]+/([\\w-]+-)?schemas$|text/)|^\\./(?!([\\w-]+-)?schemas$|unit-kinds$)', message: 'Lược đồ nghiệp vụ chỉ phụ thuộc zod, các lược đồ khác và danh sách loại đơn vị (unit-kinds).' }]) },
  },
  {
    // Shared with the renderer, so nothing but itself: no Node, no database, no other capability.
    files: ['electron/services/text/vietnamese.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '.', message: 'electron/services/text/vietnamese dùng chung với giao diện nên không phụ thuộc gì khác.' }] }] },
  },
  {
    // The scoring rules and the criteria checks run in the renderer as one types: no Node, no database, no zod
    // (a schema's types only), so the screens' bundle stays free of them.
    files: ['electron/services/scoring/rules.ts', 'electron/services/scoring/check.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: ELECTRON_PACKAGE, patterns: [NODE, { group: ['zod', '**/db/**', '**/ipc/**'], allowTypeImports: true, message: 'Quy tắc chấm điểm và kiểm tra bảng tiêu chí dùng chung với giao diện: không dùng Node, cơ sở dữ liệu hay zod lúc chạy.' }, { regex: 'schemas$', allowTypeImports: true, message: 'Quy tắc chấm điểm và kiểm tra bảng tiêu chí dùng chung với giao diện: chỉ được "import type" từ lược đồ.' }] },
      ],
    },
  },
  {
    // Shared with the renderer too: only the contract's types.
    files: ['electron/services/files/document-kinds.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '.', allowTypeImports: true, message: 'electron/services/files/document-kinds dùng chung với giao diện nên chỉ được "import type".' }] }] },
  },
);
