// The Custom Elements Manifest (dist/custom-elements.json, package.json "customElements") of the two
// elements, from their class TSDoc (@attr, @prop, @fires, @csspart, @cssprop: the public contract,
// whether an element is built with Lit or not), and VS Code's HTML custom data made from it.
// `npm run build:browser` runs it after rollup; test/custom-elements-manifest.test.ts checks it against the elements.
import { vscodeCustomData } from './scripts/vscode-custom-data.mjs';

export default {
  globs: ['src/ui/banner.ts', 'src/ui/preferences.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [vscodeCustomData('dist/vscode.html-custom-data.json')],
};
