import { serve, launch } from './harness.mjs';
const srv = await serve('dist');
const browser = await launch();
const url = process.argv[2] || '/embed.html?scenario=default&controls=minimal&autoplay=1';
async function run(css) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(srv.url + url);
  await page.waitForFunction(() => { const h = document.querySelector('kafka-playground'); const r = h?.shadowRoot ?? document; return r.querySelector('[data-testid="stage"]'); });
  if (css) await page.evaluate((css) => { const s = document.createElement('style'); s.textContent = css; document.head.append(s); const h = document.querySelector('kafka-playground'); if (h?.shadowRoot) { const t = document.createElement('style'); t.textContent = css; h.shadowRoot.append(t); } }, css);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.waitForTimeout(3000);
  const m = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  const a = await m(); await page.waitForTimeout(20000); const b = await m();
  const per = (n) => +(((b[n] - a[n]) * 1000) / 20).toFixed(1);
  console.log((css || 'as is').padEnd(60), 'busy', per('TaskDuration'), 'script', per('ScriptDuration'), 'layout', per('LayoutDuration'), 'style', per('RecalcStyleDuration'));
  await page.close();
}
for (const css of (process.argv[3] || '').split('|')) await run(css);
await browser.close(); await srv.close();
