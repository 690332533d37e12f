import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Folds the bundle into index.html (inline script and style) and writes the Content-Security-
 * Policy with the script's hash. One file opens from file:// (no module loading from disk), and
 * the policy lets only that exact script run: an injected <script> or handler attribute would not.
 * 'strict-dynamic' lets that script (and only scripts it adds) load a big report's answer chunk
 * files beside the page; markup cannot add a script, so the data still cannot run anything.
 */
function singleFile(): Plugin {
  return {
    name: 'sc-safety-single-file',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (html === undefined || html.type !== 'asset') throw new Error('single-file: no index.html in the bundle');
      let page = String(html.source);
      const scripts: string[] = [];
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk') {
          // `</script` cannot appear in an inline script; `<\/script` means the same inside JS strings.
          const code = chunk.code.replace(/<\/script/gi, '<\\/script');
          const tag = new RegExp(
            `<script[^>]*src="[^"]*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*></script>`,
          );
          if (!tag.test(page)) throw new Error(`single-file: no script tag for ${name}`);
          page = page.replace(tag, () => `<script type="module">${code}</script>`);
          scripts.push(code);
          delete bundle[name];
        } else if (name.endsWith('.css')) {
          const css = String(chunk.source).replace(/<\/style/gi, '<\\/style');
          const tag = new RegExp(`<link[^>]*href="[^"]*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`);
          if (!tag.test(page)) throw new Error(`single-file: no link tag for ${name}`);
          page = page.replace(tag, () => `<style>${css}</style>`);
          delete bundle[name];
        }
      }
      const csp = [
        "default-src 'none'",
        `script-src ${scripts.map(sha256).join(' ')} 'strict-dynamic'`,
        "style-src 'unsafe-inline'",
        'img-src data:',
        'font-src data:',
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "worker-src 'none'",
        "manifest-src 'none'",
      ].join('; ');
      page = page.replace('__SC_SAFETY_CSP__', csp);
      html.source = page;
    },
  };
}

export default defineConfig({
  root,
  base: './',
  esbuild: { jsx: 'automatic', legalComments: 'none' },
  plugins: [singleFile()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
