// End-to-end tests of embedding (issue 8): the example blog post with <kafka-playground>
// elements and an iframe, the JavaScript API, isolation between instances, clean-up, and hostile
// input. Run by ./scripts/test.sh after `trunk build --release`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { axeScan, rendered, serveHosted, siteSuite } from './harness.mjs';

const site = siteSuite('blog.html');
const SHOTS = site.shots;
const open = (urlPath, { width = 1280, scheme = 'light' } = {}) => site.open(urlPath, { width, scheme, locale: 'ko-KR' });

// Inside the shadow root of the n-th <kafka-playground>.
const inEmbed = (page, n, fn, arg) => page.evaluate(([n, src, arg]) => {
  const root = document.querySelectorAll('kafka-playground')[n].shadowRoot;
  return new Function('root', 'arg', src)(root, arg); // test-side helper only
}, [n, fn, arg]);

async function embedTime(page, n) {
  return inEmbed(page, n, `return root.querySelector('[data-testid="sim-time"]').textContent`);
}

test('the blog post: every embedded playground renders and animates; the iframe sizes itself (screenshots)', async () => {
  for (const [width, scheme] of [[1280, 'light'], [390, 'dark']]) {
    const { page, context, errors } = await open('/blog.html', { width, scheme });
    await page.waitForFunction(() => document.querySelector('kafka-playground')?.shadowRoot?.querySelector('[data-testid="stage"]'), null, { timeout: 20000 });
    const n = await page.locator('kafka-playground').count();
    assert.equal(n, 4, 'one playground per part of the post');
    for (let i = 0; i < n; i++) {
      // The last three are loading="lazy": each mounts as it comes near.
      await page.locator('kafka-playground').nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction((i) => document.querySelectorAll('kafka-playground')[i].shadowRoot?.querySelector('[data-testid="stage"]'), i, { timeout: 20000 });
      const before = await embedTime(page, i);
      await inEmbed(page, i, `root.querySelector('[data-testid="step-100"]').click()`);
      await page.waitForFunction(([i, b]) => document.querySelectorAll('kafka-playground')[i].shadowRoot.querySelector('[data-testid="sim-time"]').textContent !== b, [i, before]);
    }
    const lessons = await page.$$eval('kafka-playground', (els) => els.map((e) => e.shadowRoot.querySelector('[data-testid="lesson"]')?.dataset.lesson));
    assert.deepEqual(lessons, ['commits', 'offset-reset', 'reassignment', 'backpressure']);
    // An element without lang= speaks the page's language (<html lang="ko">).
    const added = await page.evaluate(async () => {
      const el = document.createElement('kafka-playground');
      el.setAttribute('controls', 'none');
      document.querySelector('article').append(el);
      await new Promise((r) => el.addEventListener('kafka-playground:ready', r, { once: true }));
      await new Promise((r) => setTimeout(r, 100));
      const root = el.shadowRoot;
      const lang = root.querySelector('.kp-host').getAttribute('lang');
      // controls="none": the stage alone (no control bar, lesson bar or timeline).
      const parts = ['stage', 'play', 'lesson', 'timeline'].map((id) => !!root.querySelector(`[data-testid="${id}"]`));
      el.remove();
      return { lang, parts };
    });
    assert.deepEqual(added, { lang: 'ko', parts: [true, false, false, false] });
    if (width === 1280) {
      // A minimal embed in the post's 880 px column is the control bar, the lesson bar, the
      // stage and the timeline, in about 640 px (the lessons whose first step needs no tool panel).
      const sizes = await page.$$eval('kafka-playground', (els) => els.map((e) => [e.getAttribute('lesson'), Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)]));
      for (const [lesson, w, h] of sizes.filter(([l]) => l === 'commits' || l === 'reassignment')) {
        assert.equal(w, 880, lesson);
        assert.ok(h <= 640, `${lesson}: ${h}px tall at ${w}px`);
      }
    }
    // Korean in the page's own language; the lesson text too.
    assert.match(await inEmbed(page, 0, `return root.querySelector('[data-testid="lesson-text"]').textContent`), /재생/);
    // The iframe reports its height and the page sizes it to fit.
    await page.locator('iframe.kafka-playground').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => parseInt(document.querySelector('iframe.kafka-playground').style.height || '0', 10) > 300, null, { timeout: 20000 });
    const frame = page.frameLocator('iframe.kafka-playground');
    await frame.locator('[data-testid="stage"]').first().waitFor();
    // Its height is its content's (the page sets what the frame reports), not the CSS default.
    const content = await frame.locator('[data-testid="playground"]').evaluate((p) => Math.ceil(p.getBoundingClientRect().height));
    await page.waitForFunction((c) => Math.abs(parseInt(document.querySelector('iframe.kafka-playground').style.height, 10) - c) <= 24, content, { timeout: 10000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (overflow ${overflow}px)`);
    // Nor inside an embed: nothing of it sticks out of its column (its own scroll width).
    const inside = await page.$$eval('kafka-playground', (els) => els.map((e) => e.scrollWidth - e.clientWidth));
    assert.ok(inside.every((o) => o <= 0), `no embed scrolls sideways at ${width}px (overflow ${inside})`);
    await page.locator('kafka-playground').first().scrollIntoViewIfNeeded();
    assert.deepEqual(await axeScan(page), [], `no serious or critical WCAG 2.1 A/AA violation in the post at ${width}px`);
    await page.screenshot({ path: `${SHOTS}/blog-${width}-${scheme}.png` });
    await page.locator('kafka-playground').nth(2).screenshot({ path: `${SHOTS}/blog-embed-reassignment-${width}-${scheme}.png` });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('two playgrounds on one page do not affect each other; removing one stops it', async () => {
  const { page, context, errors } = await open('/blog.html');
  await page.locator('kafka-playground').nth(1).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('kafka-playground')].slice(0, 2).every((e) => e.playground));
  await page.locator('kafka-playground').nth(0).scrollIntoViewIfNeeded();
  await inEmbed(page, 0, `root.querySelector('[data-testid="play"]').click()`);
  await page.waitForTimeout(1500);
  assert.doesNotMatch(await embedTime(page, 0), / 0\.000 s$/, 'the first plays');
  assert.match(await embedTime(page, 1), / 0\.000 s$/, 'the second stays where it was');
  assert.ok(await page.evaluate(() => document.querySelectorAll('kafka-playground')[0].playground.playing));
  // Remove the first while playing: its handle stops, its shadow root empties.
  const stopped = await page.evaluate(async () => {
    const el = document.querySelectorAll('kafka-playground')[0];
    const pg = el.playground;
    el.remove();
    const t = pg.timeMs;
    await new Promise((r) => setTimeout(r, 800));
    return { t0: t, t1: pg.timeMs, children: el.shadowRoot.querySelector('.kp-host').childElementCount };
  });
  assert.equal(stopped.t1, stopped.t0, 'no more simulated time once removed');
  assert.equal(stopped.children, 0);
  assert.equal(await page.locator('kafka-playground').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('scrolled out of view an embed pauses, and plays again when back', async () => {
  const { page, context } = await open('/blog.html');
  await page.waitForFunction(() => document.querySelectorAll('kafka-playground')[0].playground);
  await page.locator('kafka-playground').nth(0).scrollIntoViewIfNeeded();
  await inEmbed(page, 0, `root.querySelector('[data-testid="play"]').click()`);
  await page.waitForTimeout(300);
  await page.locator('kafka-playground').nth(3).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => !document.querySelectorAll('kafka-playground')[0].playground.playing);
  const t = await page.evaluate(() => document.querySelectorAll('kafka-playground')[0].playground.timeMs);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.querySelectorAll('kafka-playground')[0].playground.timeMs), t);
  await page.locator('kafka-playground').nth(0).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('kafka-playground')[0].playground.playing);
  await context.close();
});

test('loading="lazy": an element mounts when it comes near, not before; any other value than lazy or eager is named', async () => {
  const { page, context, errors } = await open('/blog.html');
  await page.waitForFunction(() => document.querySelector('kafka-playground')?.playground);
  // The post's last element is far below the first screen: a placeholder (in the page's
  // language), no playground yet.
  const last = () => page.evaluate(() => {
    const e = [...document.querySelectorAll('kafka-playground')].at(-1);
    return { mounted: !!e.playground, waiting: e.shadowRoot?.querySelector('[data-testid="embed-lazy"]')?.textContent ?? null };
  });
  await page.waitForTimeout(500);
  assert.deepEqual(await last(), { mounted: false, waiting: '카프카 플레이그라운드는 화면에 가까워지면 불러옵니다.' });
  const ready = page.evaluate(() => new Promise((r) => [...document.querySelectorAll('kafka-playground')].at(-1).addEventListener('kafka-playground:ready', () => r(true), { once: true })));
  await page.locator('kafka-playground').last().scrollIntoViewIfNeeded();
  assert.equal(await ready, true, 'ready once it came near');
  await page.waitForFunction(() => [...document.querySelectorAll('kafka-playground')].at(-1).shadowRoot.querySelector('[data-testid="stage"]'));
  assert.deepEqual(await last(), { mounted: true, waiting: null });
  const bad = await page.evaluate(async () => {
    const el = document.createElement('kafka-playground');
    el.setAttribute('loading', 'soon<b>');
    document.querySelector('article').append(el);
    await new Promise((r) => setTimeout(r, 300));
    const shown = el.shadowRoot.querySelector('[data-testid="embed-error"]')?.textContent;
    const result = { shown, mounted: !!el.playground, bold: el.shadowRoot.querySelectorAll('b').length };
    el.remove();
    return result;
  });
  assert.deepEqual(bad, { shown: "kafka-playground: loading: 'soon<b>' is not lazy or eager", mounted: false, bold: 0 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the JavaScript API: mount, events, seek, load, typed errors, destroy', async () => {
  const { page, context, errors } = await open('/blog.html');
  const r = await page.evaluate(async () => {
    const { mount } = await import('./embed.js');
    const el = document.createElement('div');
    document.body.append(el);
    const out = {};
    try { await mount(el, { lang: 'fr' }); } catch (e) { out.bad = e; }
    try { await mount(el, { lesson: 'commits', evil: 1 }); } catch (e) { out.unknown = e; }
    const pg = await mount(el, { scenario: 'default', lang: 'en', controls: 'none', seed: 5 });
    const commits = [];
    const rebalances = [];
    pg.on('commit', (e) => commits.push(e));
    pg.on('rebalance', (e) => rebalances.push(e));
    try { pg.on('nonsense', () => {}); } catch (e) { out.badEvent = e; }
    for (let i = 0; i < 800 && commits.length === 0; i++) {
      pg.step();
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 300));
    out.commits = commits.length;
    out.rebalances = rebalances.length;
    out.firstCommit = commits[0];
    out.time = pg.timeMs;
    pg.seek(1000);
    await new Promise((r) => setTimeout(r, 100));
    out.afterSeek = pg.timeMs;
    pg.load('seed-reassignment');
    await new Promise((r) => setTimeout(r, 100));
    out.brokersAfterLoad = el.querySelectorAll('[data-testid="stage-broker"]').length;
    pg.destroy();
    await new Promise((r) => setTimeout(r, 100)); // Yew unmounts on its next tick
    out.emptied = el.childElementCount;
    return out;
  });
  assert.deepEqual(r.bad, { option: 'lang', message: "'fr' is not en or ko" });
  assert.equal(r.unknown.option, 'evil');
  assert.match(r.unknown.message, /is not an option/);
  assert.equal(r.badEvent.option, 'event');
  assert.ok(r.rebalances > 0, 'rebalance events reached the listener');
  assert.ok(r.commits > 0, `commit events reached the listener (at ${r.time} ms)`);
  assert.equal(r.firstCommit.event, 'consumer');
  assert.equal(r.firstCommit.detail.kind, 'offset_committed');
  assert.ok(r.time > 1000);
  assert.equal(r.afterSeek, 1000);
  assert.equal(r.brokersAfterLoad, 6, 'the seed cluster on the stage');
  assert.equal(r.emptied, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile input renders as text: attributes, inline JSON, URL parameters, postMessage from elsewhere', async () => {
  const { page, context, errors } = await open('/blog.html');
  const html = '<img src=x onerror="window.__pwned=1">';
  await page.evaluate((html) => {
    window.__pwned = 0;
    const a = document.createElement('kafka-playground');
    a.setAttribute('scenario', html);
    a.id = 'hostile-attr';
    document.body.prepend(a);
    const b = document.createElement('kafka-playground');
    b.id = 'hostile-inline';
    const s = document.createElement('script');
    s.type = 'application/json';
    s.textContent = JSON.stringify({ version: 1, topic: { name: html, partitions: 1 } });
    b.append(s);
    document.body.prepend(b);
  }, html);
  for (const id of ['hostile-attr', 'hostile-inline']) {
    await page.waitForFunction((id) => document.getElementById(id).shadowRoot?.querySelector('[data-testid="embed-error"]'), id);
    const r = await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      return { text: root.querySelector('[data-testid="embed-error"]').textContent, imgs: root.querySelectorAll('img').length };
    }, id);
    assert.match(r.text, /kafka-playground: scenario/);
    assert.equal(r.imgs, 0, 'no element made from the string');
  }
  // The iframe page: a hostile parameter is shown as text too.
  const frame = await context.newPage();
  await frame.goto(`${site.server.url}/embed.html?scenario=${encodeURIComponent(html)}`);
  await frame.waitForSelector('[data-testid="embed-error"]');
  assert.match(await frame.textContent('[data-testid="embed-error"]'), /scenario: '<img src=x onerror/);
  assert.equal(await frame.locator('img').count(), 0);
  // Commands from an origin not in the allow-list are ignored.
  await frame.goto(`${site.server.url}/embed.html?scenario=default&controls=minimal`);
  await frame.waitForSelector('[data-testid="stage"]');
  await frame.evaluate(() => window.postMessage({ type: 'kafka-playground:play' }, '*'));
  await frame.waitForTimeout(600);
  assert.match(await frame.textContent('[data-testid="sim-time"]'), / 0\.000 s$/);
  assert.equal(await page.evaluate(() => window.__pwned), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an allowed origin commands the iframe and hears its events', async () => {
  const { page, context, errors } = await open('/blog.html');
  const origin = site.server.url;
  const r = await page.evaluate(async (origin) => {
    const f = document.createElement('iframe');
    f.src = `embed.html?scenario=default&controls=minimal&origins=${encodeURIComponent(origin)}`;
    f.style.width = '800px';
    const got = [];
    window.addEventListener('message', (e) => { if (e.source === f.contentWindow) got.push(e.data.type); });
    document.body.append(f);
    await new Promise((r) => setTimeout(r, 2500));
    f.contentWindow.postMessage({ type: 'kafka-playground:play' }, origin);
    await new Promise((r) => setTimeout(r, 9000));
    return got;
  }, origin);
  assert.ok(r.includes('kafka-playground:ready'), JSON.stringify(r));
  assert.ok(r.includes('kafka-playground:height'));
  assert.ok(r.includes('kafka-playground:event'), 'commits and rebalances reach the allowed parent');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a minimal embed stays about 640 px tall at 880 px through every step of every lesson, and stays minimal', async () => {
  const { page, context, errors } = await open('/blog.html', { width: 880 });
  const heights = [];
  for (const lesson of ['commits', 'offsets-topic', 'offset-reset', 'reassignment', 'backpressure']) {
    await page.goto(`${site.server.url}/embed.html?lesson=${lesson}&controls=minimal&lang=en`);
    await page.waitForSelector('[data-testid="stage"]');
    for (let step = 0; ; step++) {
      const [h, controls, header] = await page.evaluate(() => {
        const p = document.querySelector('[data-testid="playground"]');
        return [Math.round(p.getBoundingClientRect().height), p.dataset.controls, !!document.querySelector('.header')];
      });
      // A step that loads another preset restarts the run: the embed stays the one its author wrote.
      assert.deepEqual([controls, header], ['minimal', false], `${lesson} step ${step + 1}`);
      heights.push(`${lesson}:${step + 1}:${h}`);
      if (lesson === 'commits' && step === 1) {
        // The log view scrolls inside its own box: a named region reachable by keyboard.
        assert.equal(await page.getAttribute('[data-testid="log-view"]', 'tabindex'), '0');
        assert.deepEqual(await axeScan(page), [], 'no serious or critical WCAG 2.1 A/AA violation in a minimal embed');
      }
      // Most steps fit 640 px; the longest step text wraps to a third line.
      assert.ok(h <= 670, `${lesson} step ${step + 1}: ${h}px tall at 880 px`);
      if (await page.isDisabled('[data-testid="lesson-next"]')) break;
      await page.click('[data-testid="lesson-next"]');
    }
  }
  console.log(`minimal embed heights at 880 px: ${heights.join(' ')}`);
  assert.ok(heights.filter((x) => Number(x.split(':')[2]) > 640).length <= 1, heights.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lesson can be followed inside a minimal embed: its panels come with it', async () => {
  const { page, context, errors } = await open('/blog.html');
  await page.locator('kafka-playground').nth(2).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('kafka-playground')[2].playground);
  // The reassignment lesson: the brokers are on the stage; the reassignment panel comes with
  // the step that needs it.
  const has = () => inEmbed(page, 2, `return [root.querySelectorAll('[data-testid="stage-broker"]').length, !!root.getElementById('reassign-h')]`);
  assert.deepEqual(await has(), [6, false]);
  for (let i = 0; i < 21; i++) await inEmbed(page, 2, `root.querySelector('[data-testid="step-100"]').click()`);
  await inEmbed(page, 2, `root.querySelector('[data-testid="lesson-next"]').click()`);
  await rendered(page, () => !!document.querySelectorAll('kafka-playground')[2].shadowRoot.getElementById('reassign-h'));
  assert.deepEqual(await has(), [6, true]);
  await inEmbed(page, 2, `root.querySelector('[data-testid="reassign-execute"]').click()`);
  await page.waitForFunction(() => document.querySelectorAll('kafka-playground')[2].shadowRoot.querySelector('[data-testid="lesson"]').dataset.done === 'true');
  await rendered(page, () => /Successfully/.test(document.querySelectorAll('kafka-playground')[2].shadowRoot.querySelector('[data-testid="reassign-output"]')?.textContent || ''));
  assert.match(await inEmbed(page, 2, `return root.querySelector('[data-testid="reassign-output"]').textContent`), /Successfully started partition reassignments/);
  // The __consumer_offsets lesson in the iframe brings the console with the step that uses it.
  const frame = page.frameLocator('iframe.kafka-playground');
  await frame.locator('[data-testid="stage"]').waitFor();
  assert.equal(await frame.locator('[data-testid="console-input"]').count(), 0);
  await frame.locator('[data-testid="lesson-next"]').click();
  await frame.locator('[data-testid="console-input"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an embed with full controls exports its own drawing as SVG (inside its shadow root)', async () => {
  const { page, context, errors } = await open('/blog.html');
  await page.evaluate(async () => {
    const el = document.createElement('kafka-playground');
    el.setAttribute('controls', 'full');
    el.id = 'full-embed';
    document.querySelector('article').prepend(el);
    await new Promise((r) => el.addEventListener('kafka-playground:ready', r, { once: true }));
  });
  await page.locator('#full-embed').locator('[data-testid="tab-scenario"]').click();
  const button = page.locator('#full-embed').locator('[data-testid="export-svg"]');
  await button.scrollIntoViewIfNeeded();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.match(text, /<svg[\s\S]*class="topic"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('served with the README\'s cache headers, the example post downloads the module once (four embeds and an iframe), and a returning reader downloads only the page', async () => {
  const hosted = await serveHosted(site.dist);
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Per view: the bytes each address delivered (bodies as sent, gzipped, with headers).
    let delivered = new Map();
    const urls = new Map();
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => {
      const url = urls.get(e.requestId);
      if (url) delivered.set(url, [...(delivered.get(url) ?? []), e.encodedDataLength]);
    });
    const everythingDrawn = async () => {
      // Down the post: the lazy elements mount as they come near.
      for (let i = 0; i < 4; i++) {
        await page.locator('kafka-playground').nth(i).scrollIntoViewIfNeeded();
        await page.waitForFunction((i) => document.querySelectorAll('kafka-playground')[i].shadowRoot?.querySelector('[data-testid="stage"]'), i, { timeout: 30000 });
      }
      await page.locator('iframe.kafka-playground').scrollIntoViewIfNeeded();
      const frame = page.frameLocator('iframe.kafka-playground');
      await frame.locator('[data-testid="stage"]').waitFor({ timeout: 30000 });
      await page.waitForTimeout(500);
    };
    await page.goto(hosted.url + '/blog.html');
    await everythingDrawn();
    const wasm = [...delivered].filter(([url]) => url.endsWith('.wasm')).flatMap(([, sizes]) => sizes);
    // The iframe's page asked for the module too; it came from the cache (no body).
    assert.ok(wasm.length >= 1, 'the module was requested');
    assert.equal(wasm.filter((b) => b > 1024).length, 1, `the module came over the network once: ${JSON.stringify(wasm)}`);
    assert.ok(Math.max(...wasm) > 100 * 1024, 'and that once was the whole module');

    delivered = new Map();
    await page.goto(hosted.url + '/blog.html');
    await everythingDrawn();
    const fetched = [...delivered].filter(([, sizes]) => sizes.some((b) => b > 0)).map(([url]) => new URL(url).pathname);
    const total = [...delivered.values()].flat().reduce((a, b) => a + b, 0);
    assert.deepEqual(fetched.filter((p) => !p.endsWith('.html')), [], `a returning reader downloads only the HTML: ${fetched.join(', ')}`);
    assert.ok(total < 16 * 1024, `${total} bytes on the second view`);
  } finally {
    await context.close();
    await hosted.close();
  }
});

test('embeds ask for the glue\'s JavaScript import with the glue, not after it (embed.html and embed.js preload every snippet the build made)', async () => {
  const snippets = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.js')) snippets.push(p.slice(site.dist.length + 1));
    }
  };
  walk(`${site.dist}/snippets`);
  assert.ok(snippets.length >= 1, 'the glue imports the mark layer');
  for (const file of ['embed.html', 'embed.js']) {
    const text = fs.readFileSync(`${site.dist}/${file}`, 'utf8');
    for (const s of snippets) assert.ok(text.includes(s), `${file} names ${s}`);
  }
  // In the browser: each snippet is requested before the glue has arrived (a preload), on the
  // iframe page and on a page with a <kafka-playground>.
  for (const urlPath of ['/embed.html?lesson=commits&controls=minimal', '/blog.html']) {
    const { page, context, errors } = await open(urlPath);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true }); // every request on the network
    const sent = new Map();
    const finished = new Map();
    const urls = new Map();
    cdp.on('Network.requestWillBeSent', (e) => { urls.set(e.requestId, e.request.url); if (!sent.has(e.request.url)) sent.set(e.request.url, e.timestamp); });
    cdp.on('Network.loadingFinished', (e) => { const u = urls.get(e.requestId); if (u && !finished.has(u)) finished.set(u, e.timestamp); });
    await page.reload();
    await page.waitForFunction(() => {
      const roots = [document, ...[...document.querySelectorAll('kafka-playground')].map((e) => e.shadowRoot).filter(Boolean)];
      return roots.some((r) => r.querySelector('[data-testid="stage"]'));
    }, null, { timeout: 30000 });
    const glue = [...finished].find(([u]) => u.endsWith('/kafka-playground.js'));
    assert.ok(glue, `${urlPath}: the glue loaded`);
    for (const s of snippets) {
      const at = [...sent].find(([u]) => u.endsWith(s));
      assert.ok(at, `${urlPath}: ${s} requested`);
      assert.ok(at[1] <= glue[1], `${urlPath}: ${s} asked for before the glue arrived (${at[1]} vs ${glue[1]})`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
