import { serve, launch } from '../tests/e2e/harness.mjs';
const server = await serve('dist');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(server.url + '/');
await page.waitForSelector('[data-testid="lane"]');
while ((await page.locator('[data-testid="producer"]').count()) > 1) {
  await page.click('[data-testid="remove-producer"] >> nth=-1'); await page.click('[data-testid="step-100"]'); await page.waitForTimeout(100);
}
await page.fill(`[data-testid="rate"] >> nth=0`, process.argv[2] || '10000');
await page.click(`[data-testid="apply-producer"] >> nth=0`);
await page.click('[data-testid="play"]');
await page.waitForTimeout(1000);
await browser.startTracing(page, { path: '/tmp/prof/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
await page.waitForTimeout(5000);
await browser.stopTracing();
await browser.close(); await server.close();
