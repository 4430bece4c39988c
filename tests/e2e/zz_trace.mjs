import { serve, launch } from './harness.mjs';
import fs from 'node:fs';
const url = process.argv[2] || '/';
const srv = await serve(process.env.DIST || 'dist'); const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(srv.url + url);
await page.waitForTimeout(4000);
await browser.startTracing(page, { path: '/tmp/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.waitForTimeout(5000);
await browser.stopTracing();
const t = JSON.parse(fs.readFileSync('/tmp/trace.json'));
const ev = t.traceEvents || t;
const main = ev.filter((e) => e.name === 'ThreadName' && e.args.name === 'CrRendererMain').map((e) => e.tid);
const agg = {};
for (const e of ev) { if (e.ph === 'X' && main.includes(e.tid) && e.dur) { agg[e.name] = (agg[e.name] || 0) + e.dur / 1000; } }
console.log(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 5).toFixed(1)} ms/s ${k}`).join('\n'));
await browser.close(); await srv.close();
