import { useHasConsent } from 'consent-gate/react';

/** Renders differently once analytics are granted. */
function AnalyticsStatus() {
  const analytics = useHasConsent('analytics');
  return (
    <p data-testid="analytics-status" className={analytics ? 'on' : 'off'}>
      {analytics ? 'Analytics are on: thank you for helping us improve.' : 'Analytics are off: nothing is measured.'}
    </p>
  );
}

/** The page: the banner comes from init(); a gated embed; the footer link back to the choice. */
export function App() {
  return (
    <>
      <main>
        <h1>consent-gate in React</h1>
        <AnalyticsStatus />
        {/* The SDK puts a placeholder beside the frame: keep the frame in an element of its own. */}
        <div className="embed">
          <iframe data-consent="marketing" data-src="/embed.html" title="Product video" width="400" height="225" />
        </div>
      </main>
      <footer>
        <a href="#cookie-settings" data-consent-open="">
          Cookie settings
        </a>
      </footer>
    </>
  );
}
