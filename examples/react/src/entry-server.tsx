/** The server render: no gate on the server, so every hook reads "no decision" (the browser's hydration agrees). */
import { ConsentGateProvider } from 'consent-gate/react';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './App';

/** The app's HTML for `<div id="root">`. */
export function render(): string {
  return renderToString(
    <StrictMode>
      <ConsentGateProvider gate={null}>
        <App />
      </ConsentGateProvider>
    </StrictMode>,
  );
}
