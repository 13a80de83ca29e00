import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The web app: root web/, output web/dist (served by the API server with an SPA fallback).
// Ant Design and its helpers go to one chunk that only the console/admin/apply routes import,
// so the board's first load stays small (checked by scripts/check-size.mjs after the build).
const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs|@emotion|stylis|json2mq|compute-scroll-into-view|scroll-into-view-if-needed|throttle-debounce|string-convert|is-mobile|toggle-selection|copy-to-clipboard)[\\/]/;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        codeSplitting: {
          // Without this, a group drags in what its modules import (react, react-dom …),
          // and the board would load the antd chunk for them.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'antd', test: ANTD },
            // Heavy text tools are loaded only when a person switches 繁體 or 拼音 on.
            { name: 'opencc', test: /node_modules[\\/]opencc-js[\\/]/ },
            { name: 'pinyin', test: /node_modules[\\/]pinyin-pro[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.JIEBANG_API ?? 'http://127.0.0.1:3000' },
  },
});
