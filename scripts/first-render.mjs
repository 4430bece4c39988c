// First render and first download of the built site, in headless Chromium (issue 20). A
// benchmark, never a test: it prints figures and the budgets they meet or miss.
//
//   node scripts/first-render.mjs [--dist dist] [--runs 5] [--cache 1]
//
// For the full page (index.html), an embed (embed.html with a lesson) and the example post
// (blog.html: four <kafka-playground> elements and an iframe), each with the CPU at 1x and
// slowed 4x (Chrome DevTools Protocol `Emulation.setCPUThrottlingRate`, as on a phone):
// - first render: from navigation start until the stage is drawn and a record has flown (the
//   mark layer has launched one; on the example post: its first embed has drawn its stage),
//   median of --runs fresh contexts;
// - bytes: what the network delivered (`encodedDataLength`: gzipped bodies and headers);
// - wasm fetches: how many times the module came over the network (not from the cache).
// The server gzips, as a host would. With --cache 1 it also sends the README's hosting advice
// (`HOSTING_CACHE_CONTROL`: the module, glue and styles `immutable`, the HTML `no-cache`); a
// second page view in the same context then downloads nothing but the HTML.
import { launch, bundleSizes, serveHosted } from '../tests/e2e/harness.mjs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const dist = path.resolve(args.dist ?? 'dist');
const runs = Number(args.runs ?? 5);
const cache = args.cache === '1';

const server = await serveHosted(dist, { cache });
const browser = await launch();

/** One page view: ms to first render, bytes delivered, wasm fetches from the network. */
async function view(context, urlPath, slowdown, ready) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  let bytes = 0;
  let wasm = 0;
  const urls = new Map();
  cdp.on('Network.responseReceived', (e) => { urls.set(e.requestId, e.response.url); });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    // A module that came over the network (a cached one, or one a second request waited
    // for in the cache, delivers no body bytes).
    if (urls.get(e.requestId)?.endsWith('.wasm') && e.encodedDataLength > 1024) wasm++;
  });
  await page.goto(server.url + urlPath);
  // Checked every animation frame; the page's own clock starts at navigation.
  const handle = await page.waitForFunction(`(${ready})() && performance.now()`, null, { timeout: 60000, polling: 'raf' });
  const ms = Math.round(await handle.jsonValue());
  // Let the lazily loaded iframe (and anything else) finish before counting bytes.
  await page.waitForTimeout(1500);
  await page.close();
  return { ms, bytes, wasm };
}

// The stage is drawn (`stage`) and a record has flown (the mark layer launched one): the full
// page and an autoplaying embed. The example post's embeds do not autoplay: there, its first
// <kafka-playground> has drawn its stage (inside its shadow root).
const stageMoving = () => {
  const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
  return roots.some((d) => d.querySelector('[data-testid="stage"]') && /record:[1-9]/.test(d.querySelector('[data-testid="marks"]')?.dataset.launched || ''));
};
// The post's first element, the one a reader sees first (the others are loading="lazy": they
// mount as they come near).
const firstEmbedDrawn = () => !!document.querySelector('kafka-playground')?.shadowRoot?.querySelector('[data-testid="stage"]');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const pages = [
  ['full page', '/', stageMoving],
  ['embed (lesson)', '/embed.html?lesson=commits&controls=minimal&autoplay=1', stageMoving],
  ['example post', '/blog.html', firstEmbedDrawn],
];
const result = { dist, cache, runs, pages: {} };
for (const [name, urlPath, ready] of pages) {
  const entry = {};
  for (const slowdown of [1, 4]) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      samples.push(await view(context, urlPath, slowdown, ready));
      if (cache && slowdown === 1 && i === 0) {
        // A returning reader: the same browser (context), the same page again.
        entry.returning = await view(context, urlPath, 1, ready);
      }
      await context.close();
    }
    entry[`cpu_${slowdown}x`] = {
      first_render_ms: median(samples.map((s) => s.ms)),
      bytes_delivered: median(samples.map((s) => s.bytes)),
      wasm_fetches: median(samples.map((s) => s.wasm)),
    };
  }
  result.pages[name] = entry;
}
result.gzipped = await bundleSizes(dist);
const full = result.pages['full page'];
const embed = result.pages['embed (lesson)'];
result.budgets = {
  'embed first load <= 200 KiB gzipped': result.gzipped.total <= 200 * 1024,
  'full page first load <= 300 KiB gzipped': result.gzipped.total <= 300 * 1024,
  'first render <= 0.5 s (full page, embed)': full.cpu_1x.first_render_ms <= 500 && embed.cpu_1x.first_render_ms <= 500,
  'first render <= 1.5 s with the CPU slowed 4x': full.cpu_4x.first_render_ms <= 1500 && embed.cpu_4x.first_render_ms <= 1500,
  'example post fetches the module once': result.pages['example post'].cpu_1x.wasm_fetches === 1,
};
console.log(JSON.stringify(result, null, 2));
await browser.close();
await server.close();
