/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// src/boot.ts starts the opened page's API requests while the application's code is still on
// its way (src/api/boot.ts). Vite bundles every module script of index.html into one entry, so
// boot is emitted as a chunk of its own and its <script> put first in <head> here; the
// application imports the same chunk, so the module runs once and both share its answers.
function bootEntry(): Plugin[] {
  const id = '/src/boot.ts';
  const tag = (src: string) => ({ tag: 'script', attrs: { type: 'module', crossorigin: true, src }, injectTo: 'head-prepend' as const });
  return [
    { name: 'mamori-boot-dev', apply: 'serve', transformIndexHtml: () => [tag(id)] },
    {
      name: 'mamori-boot-build',
      apply: 'build',
      buildStart() {
        this.emitFile({ type: 'chunk', id, name: 'boot' });
      },
      transformIndexHtml: {
        order: 'post',
        handler(_html, ctx) {
          const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith(id));
          if (!chunk) throw new Error('the boot chunk was not built');
          return [tag('/' + chunk.fileName)];
        },
      },
    },
  ];
}

// The C++ server serves dist/ under a strict CSP (no inline scripts or styles), so nothing
// may be inlined: assetsInlineLimit 0 keeps fonts and images as hashed files.
export default defineConfig({
  plugins: [react(), tailwindcss(), bootEntry()],
  build: {
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
