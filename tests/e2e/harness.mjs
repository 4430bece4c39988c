// Shared helpers for end-to-end tests and scripts: a static server for dist/ on loopback and
// the system Chromium driven by playwright-core (no browser download).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** The file a request names under `root` (a directory's index.html), read and passed to
 * `send`; 403 outside `root`, 404 when missing. */
function readRequested(root, req, res, send) {
  const url = new URL(req.url, 'http://127.0.0.1');
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404).end('not found'); return; }
    send(file, data);
  });
}

/** Listen on 127.0.0.1 (a free port). Returns { url, close }. */
async function listen(server) {
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Serve a directory on 127.0.0.1 (a free port). Returns { url, close }. */
export async function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    readRequested(root, req, res, (file, data) => {
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        // Cross-origin isolation gives performance.now() and rAF timestamps microsecond
        // resolution (otherwise Chromium coarsens them to 100 us), for the frame benchmark.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(data);
    });
  });
  return listen(server);
}

/** The README's hosting advice (section Performance): a release deployed to a directory of
 * its own (`…/kafka-playground/0.1.0/`), its module, glue, styles and embed loader served
 * `immutable` for a year, its HTML `no-cache`. */
export const HOSTING_CACHE_CONTROL = {
  assets: 'public, max-age=31536000, immutable',
  html: 'no-cache',
};

/** Serve `dir` as the README advises a host to: gzipped (once, as a host's cache or a
 * pre-compressed file would) and with `HOSTING_CACHE_CONTROL` (`cache: false` sends no cache
 * headers, as a host that was not told). Returns { url, close }. */
export async function serveHosted(dir, { cache = true } = {}) {
  const root = path.resolve(dir);
  const gzipped = new Map();
  const server = http.createServer((req, res) => {
    readRequested(root, req, res, (file, data) => {
      const ext = path.extname(file);
      const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', 'content-encoding': 'gzip' };
      if (cache) headers['cache-control'] = HOSTING_CACHE_CONTROL[ext === '.html' ? 'html' : 'assets'];
      if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(data, { level: 9 }));
      res.writeHead(200, headers);
      res.end(gzipped.get(file));
    });
  });
  return listen(server);
}

/** Launch the system Chromium headless with the flags this machine needs (Playwright gives
 * each launch a fresh temporary profile). */
export async function launch() {
  const executablePath = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('no Chromium found: run ./scripts/setup.sh');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** For `ms` of wall time in `page`: every requestAnimationFrame interval (ms) and the durations
 * of the long entries of `longType` ('longtask', or 'long-animation-frame' where the browser has
 * it, else 'longtask'). For the benchmark scripts. */
export async function recordFrames(page, ms, longType = 'longtask') {
  return page.evaluate(async ([ms, longType]) => {
    const intervals = [];
    const long = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
    try { obs.observe({ type: longType, buffered: false }); } catch { obs.observe({ type: 'longtask', buffered: false }); }
    let last = performance.now();
    const end = last + ms;
    await new Promise((resolve) => {
      function frame(now) {
        intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(frame); else resolve();
      }
      requestAnimationFrame(frame);
    });
    obs.disconnect();
    return { intervals, long };
  }, [ms, longType]);
}

/** Gzipped sizes of the built site's wasm, js and css (bytes). */
export async function bundleSizes(dir) {
  const zlib = await import('node:zlib');
  const out = { wasm: 0, js: 0, css: 0 };
  // Subdirectories too: wasm-bindgen's snippets (the stage's mark painter) load with the page.
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const ext = path.extname(f).slice(1);
    if (ext in out) out[ext] += zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length;
  }
  out.total = out.wasm + out.js + out.css;
  return out;
}

/** For a test file: serve DIST (default dist/, which must hold `required`) and launch Chromium
 * before its tests, close both after. `site.open(path, options)` opens a page in a fresh
 * context and collects its errors (uncaught exceptions and console errors) in `errors`; `options.init`
 * runs a script in the page before the page's own. */
export function siteSuite(required) {
  const site = { dist: process.env.DIST || 'dist', shots: 'target/screenshots', server: null, browser: null };
  before(async () => {
    if (!fs.existsSync(path.join(site.dist, required))) throw new Error('build the site first (trunk build --release)');
    site.server = await serve(site.dist);
    site.browser = await launch();
    fs.mkdirSync(site.shots, { recursive: true });
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  site.open = async (urlPath, { width = 1280, scheme = 'light', locale = 'en-US', reducedMotion = 'no-preference', init = null } = {}) => {
    const context = await site.browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, locale, reducedMotion, acceptDownloads: true });
    // `init`: a script run in the page before its own (to watch it load).
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(site.server.url + urlPath);
    return { page, context, errors };
  };
  return site;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page, shadow roots included, and returns
 * the serious and critical violations as `rule: target` lines (empty when there are none). */
export async function axeScan(page) {
  await page.addScriptTag({ content: fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
  });
  return violations;
}

/** Waits until `check` (run in the page with `arg`) is true, for at most 5 s, and never throws:
 * the assertion after it says what is wrong. Yew renders in slices of 16 ms and yields to the
 * browser between them, so on a busy machine the render a click asked for can end a task after
 * the click; a test reads the page once that render has landed. */
export async function rendered(page, check, arg) {
  await page.waitForFunction(check, arg, { timeout: 5000 }).catch(() => {});
}

/** The text of `selector` once it matches `pattern` (after 5 s, as it is). */
export async function textOnce(page, selector, pattern) {
  await rendered(page, ([s, src, flags]) => new RegExp(src, flags).test(document.querySelector(s)?.textContent ?? ''), [selector, pattern.source, pattern.flags]);
  return page.textContent(selector);
}

/** How many elements match `selector` once there are at least `min` and at most `max` (after
 * 5 s, as many as there are). */
export async function countOnce(page, selector, min, max = min) {
  await rendered(page, ([s, lo, hi]) => {
    const n = document.querySelectorAll(s).length;
    return n >= lo && (hi === null || n <= hi);
  }, [selector, min, max === Infinity ? null : max]);
  return page.locator(selector).count();
}
