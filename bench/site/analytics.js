// The gated "analytics" script shared by every benchmark page. It must only run
// after consent: when it runs it sets a first-party cookie and calls /collect,
// which the benchmark counts (cookies and requests before consent).
(function () {
  if (window.__benchWork) window.__benchWork('script', 'analytics.js'); // the bench's probe (figure 5)
  document.cookie = '_stat=1; path=/; max-age=31536000; SameSite=Lax';
  window.__benchAnalyticsRan = (window.__benchAnalyticsRan || 0) + 1;
  fetch('/collect', { method: 'POST', body: JSON.stringify({ path: location.pathname }), keepalive: true }).catch(function () {});
})();
