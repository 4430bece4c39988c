import { serve, launch } from './harness.mjs';
import fs from 'node:fs';
const srv = await serve('dist');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(srv.url + (process.argv[2] || '/'));
await page.waitForSelector(process.argv[3] || '[data-testid="stage"]').catch(() => {});
await page.waitForFunction(() => { const h = document.querySelector('kafka-playground'); const r = h?.shadowRoot ?? document; return r.querySelector('[data-testid="stage"]'); });
const css = process.argv[4]; if (css) await page.addStyleTag({ content: css });
await page.waitForTimeout(3000);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.waitForTimeout(5000);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'RunTask'));
const totals = {};
for (const e of events) {
  if (e.ph !== 'X' || e.pid !== main.pid || e.tid !== main.tid) continue;
  totals[e.name] = (totals[e.name] || 0) + (e.dur || 0) / 1000;
}
console.log(Object.entries(totals).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}: ${(v / 5).toFixed(1)} ms/s`).join('\n'));
await browser.close(); await srv.close();
