// What the page costs the browser's main thread, measured as issue 18 measures it (a benchmark,
// never a test: it prints figures and the budgets they meet, and does not fail).
//
//   node scripts/stage-bench.mjs [--seconds 20] [--cpu 4] [--dist dist] [--only page,embed,paused,heavy]
//
// Headless Chromium at 1440 × 900. Each window: the page (or the minimal embed,
// `embed.html?scenario=default&controls=minimal&autoplay=1`) as a visitor opens it, playing its
// opening scenario at 1×, then `--seconds` of CDP `Performance.getMetrics` (task, script, layout
// and style duration per second), then `--seconds` recording every requestAnimationFrame
// interval and the long tasks (PerformanceObserver), and the elements in the document (an
// embed's shadow root included).
// Each window is measured at full CPU and again with the CPU slowed by `--cpu` (CDP
// `Emulation.setCPUThrottlingRate`, standing for a mid-range phone); `paused` measures the
// page after pressing Pause (nothing changes, so nothing should redraw); `heavy` the page with
// its producers at 10,000 records/s in all.
import { serve, launch, recordFrames } from '../tests/e2e/harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const seconds = Number(args.seconds ?? 20);
const slow = Number(args.cpu ?? 4);
const dist = args.dist ?? 'dist';
const only = (args.only ?? 'page,embed,paused,heavy').split(',');

// Issue 18's budgets.
const BUDGET = { busy_ms_per_s: 100, p95_slowed_ms: 16.7, paused_busy_ms_per_s: 5, heavy_busy_ms_per_s: 300, heavy_p95_ms: 16.7 };

const server = await serve(dist);
const browser = await launch();

async function measure(url, { cpu = 1, pause = false, heavy = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url + url);
  await page.waitForFunction(() => {
    const host = document.querySelector('kafka-playground');
    const root = host?.shadowRoot ?? document;
    return root.querySelector('[data-testid="stage"]');
  }, null, { timeout: 30000 });
  if (heavy) {
    // 10,000 records/s: each of the three producers at 3,334 records/s (the Producers tab).
    await page.click('[data-testid="tab-producers"]');
    for (let i = 0; i < 3; i++) {
      await page.fill(`[data-testid="rate"] >> nth=${i}`, '3334');
      await page.click(`[data-testid="apply-producer"] >> nth=${i}`);
    }
    await page.click('[data-testid="tab-consumers"]');
  }
  if (pause) {
    await page.click('[data-testid="play"]');
    if ((await page.getAttribute('[data-testid="play"]', 'aria-pressed')) !== 'false') throw new Error('did not pause');
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.waitForTimeout(2000); // settle at this CPU speed
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  // Main-thread time first, with nothing of ours running in the page; then the frames, with a
  // requestAnimationFrame recorder (which itself asks for every frame).
  const m0 = await metrics();
  await page.waitForTimeout(seconds * 1000);
  const m1 = await metrics();
  const r = await recordFrames(page, seconds * 1000);
  r.elements = await page.evaluate(() => {
    const count = (root) => [...root.querySelectorAll('*')].reduce((n, e) => n + 1 + (e.shadowRoot ? count(e.shadowRoot) : 0), 0);
    return count(document);
  });
  await page.close();
  const per = (name) => +(((m1[name] - m0[name]) * 1000) / seconds).toFixed(1);
  const sorted = [...r.intervals].sort((a, b) => a - b);
  const pct = (p) => +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
  return {
    busy_ms_per_s: per('TaskDuration'),
    script_ms_per_s: per('ScriptDuration'),
    layout_ms_per_s: per('LayoutDuration'),
    style_ms_per_s: per('RecalcStyleDuration'),
    elements: r.elements,
    fps: +(sorted.length / seconds).toFixed(1),
    frame_p95_ms: pct(95),
    long_tasks: r.long.length,
    long_tasks_ms: Math.round(r.long.reduce((a, b) => a + b, 0)),
  };
}

const report = { seconds, cpu_slowdown: slow, windows: {}, budgets: {} };
const targets = { page: '/', embed: '/embed.html?scenario=default&controls=minimal&autoplay=1' };
for (const name of ['page', 'embed']) {
  if (!only.includes(name)) continue;
  const full = await measure(targets[name]);
  const slowed = await measure(targets[name], { cpu: slow });
  report.windows[name] = { '1x': full, [`cpu_${slow}x`]: slowed };
  report.budgets[`${name}: busy <= ${BUDGET.busy_ms_per_s} ms/s at 1x`] = full.busy_ms_per_s <= BUDGET.busy_ms_per_s;
  report.budgets[`${name}: frame p95 <= ${BUDGET.p95_slowed_ms} ms, CPU ${slow}x slower`] = slowed.frame_p95_ms <= BUDGET.p95_slowed_ms;
}
if (only.includes('paused')) {
  const paused = await measure('/', { pause: true });
  report.windows.paused = { '1x': paused };
  report.budgets[`paused: busy <= ${BUDGET.paused_busy_ms_per_s} ms/s`] = paused.busy_ms_per_s <= BUDGET.paused_busy_ms_per_s;
}
if (only.includes('heavy')) {
  const heavy = await measure('/', { heavy: true });
  report.windows.heavy_10k_records_per_s = { '1x': heavy };
  report.budgets[`10,000 records/s: busy <= ${BUDGET.heavy_busy_ms_per_s} ms/s`] = heavy.busy_ms_per_s <= BUDGET.heavy_busy_ms_per_s;
  report.budgets[`10,000 records/s: frame p95 <= ${BUDGET.heavy_p95_ms} ms`] = heavy.frame_p95_ms <= BUDGET.heavy_p95_ms;
}
console.log(JSON.stringify(report, null, 2));
await browser.close();
await server.close();
