import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// On a site: import { isConsentGateElement } from 'consent-gate/vue';
import { isConsentGateElement } from '../../dist/vue.js';
import { publicDir, sdkAlias } from '../sdk.mjs';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The isCustomElement recipe: Vue leaves <consent-banner> and <consent-preferences> to the browser.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: isConsentGateElement } } })],
  resolve: { alias: sdkAlias },
  publicDir,
  logLevel: 'warn',
});
