// Browser, operating system and device class from real user agents, including
// the ones that mislead: iPadOS Safari claiming to be a Mac, Android tablets
// without a known model, ChromeOS, Linux distributions, Edge and Samsung
// Internet, and an empty or hostile header.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAgent, createAgentClassifier } from '../src/user-agent.ts';

const UA = {
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  macChrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1',
  ipadMobileMode:
    'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1',
  androidPhone: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
  androidTablet: 'Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  galaxyTab: 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  operaMiniAndroid: 'Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; id) Presto/2.12.423 Version/12.16',
  samsungInternet:
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  chromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 Firefox/126.0',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
  edgeAndroid:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36 EdgA/125.0.2535.60',
  ie11: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
};

describe('user agent → browser, OS, device', () => {
  const cases: [keyof typeof UA, string | null, string | null, string | null][] = [
    ['macSafari', 'Safari', 'macOS', 'desktop'],
    ['macChrome', 'Chrome', 'macOS', 'desktop'],
    ['iphoneSafari', 'Safari', 'iOS', 'mobile'],
    ['iphoneChrome', 'Chrome', 'iOS', 'mobile'],
    ['ipadMobileMode', 'Safari', 'iOS', 'tablet'],
    ['androidPhone', 'Chrome', 'Android', 'mobile'],
    ['androidTablet', 'Chrome', 'Android', 'tablet'],
    ['galaxyTab', 'Chrome', 'Android', 'tablet'],
    ['operaMiniAndroid', 'Opera Mini', 'Android', 'mobile'],
    ['samsungInternet', 'Samsung Internet', 'Android', 'mobile'],
    ['chromeOs', 'Chrome', 'ChromeOS', 'desktop'],
    ['firefoxLinux', 'Firefox', 'Linux', 'desktop'],
    ['firefoxUbuntu', 'Firefox', 'Linux', 'desktop'],
    ['firefoxAndroid', 'Firefox', 'Android', 'mobile'],
    ['edgeWindows', 'Edge', 'Windows', 'desktop'],
    ['edgeAndroid', 'Edge', 'Android', 'mobile'],
    ['ie11', 'Internet Explorer', 'Windows', 'desktop'],
  ];
  for (const [name, browser, os, device] of cases) {
    it(`${name}: ${browser} on ${os}, ${device}`, () => {
      const info = classifyAgent(UA[name]);
      assert.deepEqual(info, { bot: false, browser, os, device });
    });
  }

  it('knows a crawler as a bot', () => {
    assert.equal(classifyAgent(UA.googlebot).bot, true);
  });

  it('knows nothing about an empty user agent', () => {
    assert.deepEqual(createAgentClassifier()(''), { bot: false, browser: null, os: null, device: null });
    assert.deepEqual(createAgentClassifier()(undefined), { bot: false, browser: null, os: null, device: null });
  });

  it('names nothing from a hostile user agent (never echoes it)', () => {
    const info = classifyAgent('<script>alert(1)</script>');
    assert.equal(info.browser, null);
    assert.equal(info.os, null);
    assert.equal(info.device, 'desktop');
  });
});

describe('iPadOS Safari, which sends the Mac user agent', () => {
  const classify = createAgentClassifier();

  it('is a tablet on iOS when the screen is an iPad screen, in either orientation', () => {
    for (const screen of ['820x1180', '1180x820', '1024x1366', '768x1024', '744x1133', '1032x1376']) {
      assert.deepEqual(classify(UA.macSafari, screen), { bot: false, browser: 'Safari', os: 'iOS', device: 'tablet' }, screen);
    }
  });

  it('stays a Mac desktop on Mac screens, a rotated monitor, and without a screen', () => {
    for (const screen of ['1440x900', '1512x982', '2560x1440', '1080x1920', '1024x768', '', null, undefined]) {
      assert.deepEqual(classify(UA.macSafari, screen), { bot: false, browser: 'Safari', os: 'macOS', device: 'desktop' }, String(screen));
    }
  });

  it('leaves other systems on an iPad-sized screen alone', () => {
    assert.equal(classify(UA.androidTablet, '820x1180').os, 'Android');
    assert.equal(classify(UA.edgeWindows, '1024x1366').device, 'desktop');
  });

  it('does not let the screen change what the cache holds for the user agent', () => {
    classify(UA.macChrome, '820x1180');
    assert.equal(classify(UA.macChrome).device, 'desktop');
  });
});
