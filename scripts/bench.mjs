// The in-browser benchmark (issue 9), driven in headless Chromium, with the native figures
// beside it. A benchmark, never a test: it prints figures and the budgets they meet or miss.
//
//   node scripts/bench.mjs [--dist dist] [--quick 1]
//
// Prints JSON: simulated records/s in wasm and natively (heavy scenario at 100,000 records/s,
// default scenario at 10,000 records/s); frame interval p50/p95/p99 and main-thread busy time at
// the default scenario and at 10,000 records/s (scripts/frame-bench.mjs); wasm memory after 10
// and 60 minutes of simulated time at 10,000 records/s in the page's own model; time to first
// render; gzipped bytes of wasm + js + css.
import { execFileSync } from 'node:child_process';
import { serve, launch, bundleSizes } from '../tests/e2e/harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const dist = args.dist ?? 'dist';
const quick = args.quick === '1';

function frameBench(extra) {
  const out = execFileSync('node', ['scripts/frame-bench.mjs', '--dist', dist, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const r = JSON.parse(out);
  return { frame_interval_ms: r.frame_interval_ms, frames_over_17ms_percent: r.frames_over_17ms_percent,
    main_thread_busy_ms_per_s: r.main_thread_busy_ms_per_s.task, first_render_ms: r.first_render_ms, sim_speed_achieved: r.sim_speed_achieved };
}

function native(scenario, rate, seconds) {
  try {
    const out = execFileSync('cargo', ['run', '--quiet', '--release', '--', 'bench', '--scenario', scenario, '--rate', String(rate), '--seconds', String(seconds)], { encoding: 'utf8' });
    return JSON.parse(out).records_per_second;
  } catch (e) {
    return null;
  }
}

const server = await serve(dist);
const browser = await launch();
const page = await (await browser.newContext()).newPage();
await page.goto(server.url + '/bench.html');
await page.waitForFunction(() => window.kpBenchReady, null, { timeout: 30000 });

const wasmHeavy = await page.evaluate(() => kpBench.core('heavy', 100000, 5000));
const wasmDefault = await page.evaluate(() => kpBench.core('default', 10000, 10000));
const nativeHeavy = native('heavy', 100000, 5);
const nativeDefault = native('default', 10000, 10);

await page.evaluate(() => kpBench.memoryStart(10000));
const mem10 = await page.evaluate(() => kpBench.memoryAdvance(10));
const mem60 = quick ? null : await page.evaluate(() => kpBench.memoryAdvance(50));
await browser.close();
await server.close();

const defaultFrames = frameBench(['--seconds', quick ? '5' : '15']);
const tenK = frameBench(['--producers', '1', '--rate', '10000', '--consumers', '2', '--seconds', quick ? '5' : '10']);
const bundle = await bundleSizes(dist);

const ratio = (w, n) => (n ? Math.round((w / n) * 100) / 100 : null);
const result = {
  wasm_records_per_s: { heavy_100k: Math.round(wasmHeavy.recordsPerSecond), default_10k: Math.round(wasmDefault.recordsPerSecond) },
  native_records_per_s: { heavy_100k: nativeHeavy, default_10k: nativeDefault },
  wasm_over_native: { heavy_100k: ratio(wasmHeavy.recordsPerSecond, nativeHeavy), default_10k: ratio(wasmDefault.recordsPerSecond, nativeDefault) },
  memory_bytes_at_10k_per_s: { minute_10: mem10, minute_60: mem60 },
  frames_default: defaultFrames,
  frames_10k_per_s: tenK,
  first_render_ms: defaultFrames.first_render_ms,
  bundle_gzip_bytes: bundle,
};
const budgets = {
  'bundle <= 250 KiB': bundle.total <= 250 * 1024,
  'first render < 1 s': defaultFrames.first_render_ms < 1000,
  'frame p95 <= 16.7 ms (default)': defaultFrames.frame_interval_ms.p95 <= 16.7,
  'frame p95 <= 16.7 ms (10,000 records/s)': tenK.frame_interval_ms.p95 <= 16.7,
  'wasm >= native / 3 (heavy)': nativeHeavy ? wasmHeavy.recordsPerSecond >= nativeHeavy / 3 : null,
  'memory flat within 10 % (10th to 60th minute)': mem60 ? mem60 <= mem10 * 1.1 : null,
};
console.log(JSON.stringify({ ...result, budgets }, null, 2));
