// In-browser performance check of the built site (dist/) in headless Chromium.
//
//   node scripts/frame-bench.mjs [--seconds 20] [--rate 50] [--producers 3] [--consumers 3] [--partitions 6] [--speed 1]
//   node scripts/frame-bench.mjs --reassign 1 [--partitions 12] [--throttle 300000] ...
//
// With --reassign: the six-broker preset, the topic grown to --partitions (replicas placed by
// Kafka's algorithm), then kafka-reassign-partitions.sh --generate over all brokers and
// --execute (with --throttle so that it is still copying while frames are measured).
//
// Sets up N producers at the given rate on the given partition count, plays at the given speed,
// records every requestAnimationFrame interval for the given seconds, and prints p50 / p95 / p99
// frame intervals, the main thread's busy time per second (long-task and script time from the
// Performance API), and the gzipped size of wasm + js + css. A benchmark, never a test: the
// numbers depend on the machine, so it prints them and does not fail.
import { serve, launch, bundleSizes, recordFrames } from '../tests/e2e/harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const seconds = Number(args.seconds ?? 20);
const rate = String(args.rate ?? 50);
const producers = Number(args.producers ?? 3);
const partitions = String(args.partitions ?? 6);
const consumers = Number(args.consumers ?? 3);
const speed = String(args.speed ?? 1);
const dist = args.dist ?? 'dist';
const reassign = Boolean(args.reassign);
const throttle = String(args.throttle ?? 300000);

const server = await serve(dist);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const t0 = Date.now();
await page.goto(server.url + '/');
await page.waitForSelector('[data-testid="lane"]');
const firstRenderMs = Date.now() - t0;
// The page opens playing: pause while the scenario is shaped, then play.
if ((await page.getAttribute('[data-testid="play"]', 'aria-pressed')) === 'true') await page.click('[data-testid="play"]');

// Shape the scenario through the UI, as a visitor would.
if (reassign) await page.selectOption('[data-testid="preset"]', 'seed-reassignment');
while ((await page.locator('[data-testid="producer"]').count()) < producers) await page.click('[data-testid="add-producer"]');
while ((await page.locator('[data-testid="producer"]').count()) > producers) {
  await page.click('[data-testid="remove-producer"] >> nth=-1');
  // close() flushes what the producer has buffered first: let a little simulated time pass.
  await page.click('[data-testid="step-100"]');
  await page.waitForTimeout(100);
}
for (let i = 0; i < producers; i++) {
  await page.fill(`[data-testid="rate"] >> nth=${i}`, rate);
  await page.click(`[data-testid="apply-producer"] >> nth=${i}`);
}
// Consumers: the page starts with two (group orders-app, auto-commit); add or crash to reach N.
while ((await page.locator('[data-testid="consumer"]').count()) < consumers) {
  await page.click('[data-testid="add-consumer"]');
  await page.waitForTimeout(100);
}
if (reassign ? partitions !== '2' : partitions !== '6') {
  await page.fill('[data-testid="partitions"]', partitions);
  await page.click('[data-testid="alter-partitions"]');
}
if (reassign) {
  // Let the logs grow a little, then move every partition.
  for (let i = 0; i < Number(args.grow ?? 100); i++) await page.click('[data-testid="step-100"]');
  await page.click('[data-testid="reassign-generate"]');
  await page.fill('[data-testid="reassign-throttle"]', throttle);
  await page.click('[data-testid="reassign-execute"]');
  const out = await page.textContent('[data-testid="reassign-output"]');
  if (!/Successfully started partition reassignment/.test(out)) throw new Error(`execute failed: ${out}`);
}
if (args.css) await page.addStyleTag({ content: args.css });
await page.selectOption('[data-testid="speed"]', speed);
await page.click('[data-testid="play"]');
await page.waitForTimeout(1000); // warm up

const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
const m0 = await metrics();
const copyingAtStart = await page.locator('[data-testid="replica-chip"][data-role="adding"]').count();
const simMs = async () => Number((await page.textContent('[data-testid="sim-time"]')).match(/([\d.]+) s/)[1]) * 1000;
const sim0 = await simMs();
const frames = await recordFrames(page, seconds * 1000, 'long-animation-frame');
const result = {
  intervals: frames.intervals,
  busyMs: frames.long.reduce((a, b) => a + b, 0),
  ...(await page.evaluate(() => ({
    leo: [...document.querySelectorAll('[data-testid="lane"]')].reduce((a, l) => a + Number(l.dataset.leo), 0),
    moving: document.querySelectorAll('[data-testid="replica-chip"][data-role="adding"]').length,
  }))),
};

const m1 = await metrics();
const sim1 = await simMs();
const perSecond = (name) => +(((m1[name] - m0[name]) * 1000) / seconds).toFixed(1);
const sorted = [...result.intervals].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sizes = await bundleSizes(dist);
const report = {
  scenario: { producers, consumers, rate_records_per_s: Number(rate), partitions: Number(partitions), speed: Number(speed), seconds, reassign, throttle: reassign ? Number(throttle) : null },
  // Simulated ms per wall ms during the measurement (the speed setting when it keeps up).
  sim_speed_achieved: +((sim1 - sim0) / (seconds * 1000)).toFixed(2),
  replicas_copying_at_start: copyingAtStart,
  replicas_still_copying_at_end: result.moving,
  frames: sorted.length,
  frame_interval_ms: { p50: +pct(50).toFixed(2), p95: +pct(95).toFixed(2), p99: +pct(99).toFixed(2), max: +sorted[sorted.length - 1].toFixed(2) },
  // rAF timestamps jitter by about ±0.1 ms around the display's 16.667 ms period (an idle page
  // shows 16.6-16.8 ms); rounded to whole vsync periods, an interval says how many frames it spanned.
  frame_interval_vsync_rounded_ms: {
    p95: +(Math.max(1, Math.round(pct(95) / (1000 / 60))) * (1000 / 60)).toFixed(1),
    p99: +(Math.max(1, Math.round(pct(99) / (1000 / 60))) * (1000 / 60)).toFixed(1),
  },
  frames_over_17ms_percent: +(100 * sorted.filter((x) => x > 17).length / sorted.length).toFixed(2),
  main_thread_busy_ms_per_s: {
    task: perSecond('TaskDuration'),
    script: perSecond('ScriptDuration'),
    layout: perSecond('LayoutDuration'),
    style: perSecond('RecalcStyleDuration'),
  },
  long_frame_busy_ms_per_s: +(result.busyMs / seconds).toFixed(1),
  records_appended_total: result.leo,
  first_render_ms: firstRenderMs,
  bundle_gzip_bytes: sizes,
  budget: { frame_p95_ms: 16.7, bundle_gzip_bytes: 560 * 1024 },
};
console.log(JSON.stringify(report, null, 2));
await browser.close();
await server.close();
