const rand = (n: number) => Math.floor(Math.random() * n);
export function fake(body: any) {
  const dims: string[] = body.dimensions ?? [];
  const m = body.metrics.length;
  const cmp = body.include?.comparison;
  const row = (d: any[]) => ({ dimensions: d, metrics: body.metrics.map((x: string) => (x === 'percentage' ? rand(50) : x === 'bounce_rate' ? 40 + rand(20) : x === 'views_per_visit' ? 2.31 : rand(5000))), ...(cmp ? { comparison: { metrics: body.metrics.map(() => rand(5000)), change: body.metrics.map(() => rand(40) - 20) } } : {}) });
  if (dims.length === 0) return { results: [row([])] };
  if (dims[0] === 'time:day_of_week') { const r = []; for (let d = 1; d <= 7; d++) for (let h = 0; h < 24; h++) r.push(row([d, h])); return { results: r }; }
  if (dims[0].startsWith('time:')) return { results: Array.from({ length: 30 }, (_, i) => row([`2026-11-${String(i + 1).padStart(2, '0')}`])).map((r, i) => ({ ...r, metrics: [1000 + Math.round(400 * Math.sin(i / 3)) + rand(100)], ...(cmp ? { comparison: { metrics: [900 + rand(300)], change: [5] } } : {}) })) };
  const vals: Record<string, string[]> = { 'visit:channel': ['Organic Search', 'Direct', 'Referral', 'Organic Social', 'Email'], 'visit:source': ['Google', 'Direct / None', 'Hacker News', 'DuckDuckGo', 'Bing', 'Reddit', 'ChatGPT', 'news.example.org', 'Mastodon', 'Ecosia', 'Newsletter', 'GitHub'], 'visit:country': ['DE', 'US', 'FR', 'GB', 'NL', 'AT', 'CH'], 'event:page': ['/', '/pricing', '/blog/why-privacy-first-analytics-matters-for-small-sites', '/docs/getting-started', '/about'], 'consent:method': ['accept-all', 'reject-all', 'custom', 'gpc'], 'visit:visitor_type': ['new', 'returning'], 'event:hostname': ['www.example.com', 'shop.example.com'] };
  const v = vals[dims[0]] ?? ['Alpha', 'Beta', 'Gamma', '=HYPERLINK("x")'];
  return { results: v.map((x) => row([x])).sort((a: any, b: any) => b.metrics[0] - a.metrics[0]) };
}
