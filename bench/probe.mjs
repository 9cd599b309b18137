// The in-page probe of the CDP bench: an inline classic script that the bench
// server puts first in <head> of every measured page (the no-tool page too, so
// its own small cost cancels out in the Δ columns). It records, in
// `window.__bench`:
//
// - long tasks (`longtask` entries, > 50 ms), FCP, CLS (largest session window
//   of `layout-shift` entries without recent input);
// - `visibleAt`: the first animation frame in which the banner is rendered
//   (non-zero box, not `visibility: hidden`, no ancestor at opacity 0, through
//   open shadow roots);
// - in click pages (figure 5): the click on Accept all, the next paint after
//   it, and every cookie write, beacon/fetch and gated script run, with times.
//
// It tells the bench server when the page has loaded, when the banner became
// visible and (click pages) where the Accept all button is once it stopped
// moving, with `navigator.sendBeacon` to /__bench/report: the bench never
// evaluates anything in the page while it measures.

/**
 * The probe itself (serialised into the page; runs before any other script).
 * @param {{ load: string, banner: string[] | null, accept: string[] | null, click: boolean }} cfg
 */
export function benchProbe(cfg) {
  const now = () => performance.now();
  const bench = (window.__bench = {
    visibleAt: null,
    fcp: null,
    cls: 0,
    shifts: 0,
    // Every layout shift without recent input: [startTime, value] (figure 4 counts those from the banner's frame on).
    shiftList: [],
    longTasks: [],
    acceptRect: null,
    click: null,
    work: [],
  });
  // An image request, not sendBeacon: a beacon is a synchronous call to the browser
  // process that cost 1–10 ms here (and would count in the page's script time); an
  // image's fetch starts asynchronously.
  const pings = [];
  const send = (kind, data) => {
    const t0 = now();
    const image = new Image();
    image.src = `/__bench/report?load=${cfg.load}&kind=${kind}&data=${encodeURIComponent(JSON.stringify(data || {}))}`;
    pings.push(image); // keep a reference until it has loaded
    (bench.sendCost = bench.sendCost || []).push([kind, now() - t0]);
  };
  const observe = (type, callback, extra) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(callback)).observe({ type, buffered: true, ...extra });
    } catch {
      // entry type not supported
    }
  };
  observe('paint', (entry) => {
    if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
  });
  observe('longtask', (entry) => bench.longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)]));
  let sessionValue = 0;
  let sessionStart = 0;
  let sessionLast = 0;
  observe('layout-shift', (entry) => {
    if (entry.hadRecentInput) return;
    bench.shifts++;
    bench.shiftList.push([Math.round(entry.startTime), entry.value]);
    if (sessionValue > 0 && entry.startTime - sessionLast < 1000 && entry.startTime - sessionStart < 5000) sessionValue += entry.value;
    else {
      sessionValue = entry.value;
      sessionStart = entry.startTime;
    }
    sessionLast = entry.startTime;
    if (sessionValue > bench.cls) bench.cls = sessionValue;
  });
  addEventListener('load', () => send('load', { at: now() }));

  const find = (path) => {
    let element = document.querySelector(path[0]);
    for (const selector of path.slice(1)) element = element && element.shadowRoot ? element.shadowRoot.querySelector(selector) : null;
    return element;
  };
  const parentOf = (node) => {
    if (node.parentElement) return node.parentElement;
    const root = node.getRootNode();
    return root instanceof ShadowRoot ? root.host : null;
  };
  const rendered = (element) => {
    const rect = element.getBoundingClientRect();
    if (!(rect.width > 0 && rect.height > 0) || getComputedStyle(element).visibility === 'hidden') return false;
    for (let node = element; node; node = parentOf(node)) if (Number(getComputedStyle(node).opacity) === 0) return false;
    return true;
  };

  if (cfg.click) {
    // Figure 5: what happens around the click, with times (performance.now()).
    const work = (kind, name) => bench.work.push([kind, name, now()]);
    window.__benchWork = work; // the gated test scripts report themselves here
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      get() {
        return cookie.get.call(this);
      },
      set(value) {
        work('cookie', String(value).split('=')[0].trim());
        cookie.set.call(this, value);
      },
    });
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => {
      if (!String(url).includes('/__bench/')) work('beacon', new URL(url, location.href).pathname);
      return beacon(url, data);
    };
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      work('fetch', new URL(typeof input === 'string' ? input : input.url, location.href).pathname);
      return fetch.call(this, input, init);
    };
    // The first listener of the page (capture, on window): it runs before any tool's
    // handler. The next paint after the click: the frame that follows it renders
    // after its requestAnimationFrame callbacks and ResizeObserver callbacks (a new
    // observation is always delivered in the next frame, after layout, right before
    // paint); a message posted from there runs once that frame is painted.
    addEventListener(
      'click',
      (event) => {
        if (!event.isTrusted || bench.click) return;
        const record = (bench.click = { timeStamp: event.timeStamp, at: now(), rafAt: null, frameAt: null, paintedAt: null });
        const marker = document.createElement('div');
        marker.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;visibility:hidden;pointer-events:none';
        document.documentElement.appendChild(marker);
        requestAnimationFrame(() => (record.rafAt = now()));
        const observer = new ResizeObserver(() => {
          observer.disconnect();
          record.frameAt = now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            record.paintedAt = now();
            marker.remove();
          };
          channel.port2.postMessage(0);
        });
        observer.observe(marker);
      },
      true,
    );
    observe(
      'event',
      (entry) => {
        if (entry.name === 'click' && !bench.clickEventTiming)
          bench.clickEventTiming = { startTime: entry.startTime, duration: entry.duration, processingEnd: entry.processingEnd };
      },
      { durationThreshold: 16 },
    );
  }

  if (!cfg.banner) return;
  const tick = () => {
    const element = find(cfg.banner);
    if (element && rendered(element)) {
      bench.visibleAt = now();
      send('visible', { at: bench.visibleAt });
      if (cfg.click && cfg.accept) waitForStillButton();
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  // Click pages: the Accept all button's box once it has stopped moving (entrance
  // animations) and the page has loaded; the bench clicks its centre.
  const waitForStillButton = () => {
    let last = '';
    let still = 0;
    const check = () => {
      const button = find(cfg.accept);
      const rect = button && button.getBoundingClientRect();
      const key = rect ? [rect.x, rect.y, rect.width, rect.height].map(Math.round).join(',') : '';
      still = key && key === last ? still + 1 : 0;
      last = key;
      if (still >= 3 && document.readyState === 'complete') {
        bench.acceptRect = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        send('ready', bench.acceptRect);
      } else setTimeout(check, 100);
    };
    setTimeout(check, 100);
  };
}

/** The `<script>` element that runs the probe with `cfg`, for the page's <head>. */
export function probeTag(cfg) {
  return `<script>(${benchProbe.toString()})(${JSON.stringify(cfg)});</script>`;
}

/**
 * What the bench reads from the page after a measurement: the probe's record,
 * plus whether banner code is present (figure 6: a returning visitor).
 * @param {string[] | null} bannerPath
 */
export function readExpression(bannerPath) {
  return `JSON.stringify({
    ...window.__bench,
    bannerInDom: ${bannerPath ? `!!document.querySelector(${JSON.stringify(bannerPath[0])})` : 'false'},
    consentBannerDefined: !!customElements.get('consent-banner'),
    consentBannerRendered: !!(document.querySelector('consent-banner') && document.querySelector('consent-banner').shadowRoot && document.querySelector('consent-banner').shadowRoot.childElementCount),
    cookieNames: document.cookie.split(';').map((c) => c.split('=')[0].trim()).filter(Boolean),
  })`;
}
