// kafka-playground embedding loader (an ES module; no build step, no eval).
//
//   <script type="module" src="https://…/embed.js"></script>
//   <kafka-playground lesson="commits" lang="ko" controls="minimal"></kafka-playground>
//
// or, from JavaScript:
//
//   import { mount } from 'https://…/embed.js';
//   const pg = await mount(element, { lesson: 'commits', lang: 'ko', autoplay: true });
//   pg.on('commit', (e) => console.log(e)); pg.pause(); pg.seek(5000); pg.destroy();
//
// Every <kafka-playground> on a page shares one loaded WebAssembly module; each has its own
// simulation and clock, pauses while scrolled out of view and is cleaned up when removed.

const base = new URL('./', import.meta.url);
const STYLES = new URL('styles.css', base).href;
const HOME = new URL('index.html', base).href;
// Names a <kafka-playground> passes on (the rest are the page's own: id, class, style, height).
const OPTION_ATTRIBUTES = ['lesson', 'scenario', 'lang', 'theme', 'controls', 'autoplay', 'seed', 'start'];
const SCENARIO_FETCH_MAX = 256 * 1024;

// The glue's one JavaScript import (wasm-bindgen names its folder after the crate; an
// end-to-end test checks this path against the build). embed.html preloads it too.
const MARKS = 'snippets/kafka-playground-76fe53250b2e72bf/src/ui/views/marks.js';

let ready;
function load() {
  ready ??= (() => {
    // Ask for the glue's import with the glue, not after the glue has been read: on a slow
    // phone that was one more round trip before the module could start.
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(MARKS, base).href;
    document.head.append(link);
    return import(new URL('kafka-playground.js', base).href).then(async (m) => {
      await m.default({ module_or_path: new URL('kafka-playground_bg.wasm', base) });
      return m;
    });
  })();
  return ready;
}

function message(e) {
  if (e && typeof e === 'object' && 'option' in e) return `${e.option}: ${e.message}`;
  return String(e);
}

/** Mount a playground into `element`. Options: lesson, scenario, lang, theme, controls,
 *  autoplay, seed, start. Resolves to a handle: play, pause, step, seek(ms), load(scenario),
 *  on(event, callback), setVisible(bool), destroy(); `playing`, `timeMs`. */
export async function mount(element, options = {}) {
  const m = await load();
  return m.mount(element, { home: HOME, ...options });
}

/** The same with string options, as `[name, value]` pairs (attributes, URL parameters). */
export async function mountPairs(element, pairs) {
  const m = await load();
  return m.mountPairs(element, [['home', HOME], ...pairs]);
}

/** Show an error as text (never as HTML). */
function showError(target, e) {
  target.replaceChildren();
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.setAttribute('data-testid', 'embed-error');
  p.className = 'notice';
  p.textContent = `kafka-playground: ${message(e)}`;
  target.append(p);
}

async function scenarioText(value) {
  // A URL (relative, or http/https) is fetched; anything else is passed on as written.
  if (/^(https?:\/\/|\.{0,2}\/)[^\s]*$/.test(value) || /\.json(\?.*)?$/.test(value)) {
    const response = await fetch(new URL(value, document.baseURI));
    if (!response.ok) throw new Error(`scenario: ${value} answered ${response.status}`);
    const text = await response.text();
    if (text.length > SCENARIO_FETCH_MAX) throw new Error(`scenario: ${value} is larger than ${SCENARIO_FETCH_MAX} bytes`);
    return text;
  }
  return value;
}

class KafkaPlaygroundElement extends HTMLElement {
  async connectedCallback() {
    if (this._host) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLES;
    const host = document.createElement('div');
    host.className = 'kp-host';
    shadow.replaceChildren(link, host);
    this._host = host;
    this.style.display = 'block';
    const height = this.getAttribute('height');
    if (height && /^\d{1,5}(px|em|rem|vh)?$/.test(height)) {
      host.style.height = /\d$/.test(height) ? `${height}px` : height;
      host.style.overflow = 'auto';
    }
    // loading="lazy" (as on <iframe> and <img>): mount once the element comes near the
    // viewport, so a post's first playground has the page to itself. The default is eager.
    const loading = this.getAttribute('loading') ?? 'eager';
    if (loading !== 'eager' && loading !== 'lazy') {
      showError(host, { option: 'loading', message: `'${loading.slice(0, 40)}' is not lazy or eager` });
      return;
    }
    if (loading === 'lazy') {
      const ko = (this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || '').toLowerCase().startsWith('ko');
      const wait = document.createElement('p');
      wait.className = 'kp-lazy';
      wait.setAttribute('data-testid', 'embed-lazy');
      wait.textContent = ko ? '카프카 플레이그라운드는 화면에 가까워지면 불러옵니다.' : 'The Kafka Playground loads as you scroll to it.';
      host.replaceChildren(wait);
      await new Promise((near) => {
        this._near = new IntersectionObserver((entries) => {
          if (entries.some((e) => e.isIntersecting)) near();
        }, { rootMargin: '400px 0px' });
        this._near.observe(this);
      });
      this._near?.disconnect();
      this._near = null;
      if (this._host !== host) return; // removed before it came near
      host.replaceChildren();
    }
    try {
      const pairs = [];
      for (const name of OPTION_ATTRIBUTES) {
        if (!this.hasAttribute(name)) continue;
        let value = this.getAttribute(name);
        if (name === 'scenario') value = await scenarioText(value);
        pairs.push([name, value]);
      }
      // In the page's own language unless told otherwise.
      if (!this.hasAttribute('lang')) {
        const pageLang = (this.closest('[lang]')?.getAttribute('lang') || '').slice(0, 2).toLowerCase();
        if (pageLang === 'ko' || pageLang === 'en') pairs.push(['lang', pageLang]);
      }
      const inline = this.querySelector('script[type="application/json"]');
      if (inline && !this.hasAttribute('scenario')) pairs.push(['scenario', inline.textContent.trim()]);
      const pg = await mountPairs(host, pairs);
      if (this._host !== host) { pg.destroy(); return; } // removed while loading
      this.playground = pg;
      this._observer = new IntersectionObserver((entries) => {
        for (const e of entries) this.playground?.setVisible(e.isIntersecting);
      });
      this._observer.observe(this);
      this.dispatchEvent(new CustomEvent('kafka-playground:ready', { bubbles: true }));
    } catch (e) {
      showError(host, e);
    }
  }

  disconnectedCallback() {
    this._near?.disconnect();
    this._near = null;
    this._observer?.disconnect();
    this._observer = null;
    this.playground?.destroy();
    this.playground = null;
    this._host?.replaceChildren();
    this._host = null;
  }
}

if (!customElements.get('kafka-playground')) customElements.define('kafka-playground', KafkaPlaygroundElement);

/** embed.html: options from the URL; the frame reports its height to the parent and takes
 *  commands by postMessage from the origins listed in `origins=` (none by default). */
export async function frame(root) {
  const params = [...new URLSearchParams(location.search)].filter(([k]) => k !== 'home');
  const origins = (new URLSearchParams(location.search).get('origins') || '').split(',').map((s) => s.trim()).filter(Boolean);
  const post = (data) => {
    if (window.parent === window) return;
    if (origins.length === 0) {
      // Only the size goes to any parent: it says nothing about the visitor.
      if (data.type === 'kafka-playground:height') window.parent.postMessage(data, '*');
      return;
    }
    for (const o of origins) window.parent.postMessage(data, o);
  };
  new ResizeObserver(() => post({ type: 'kafka-playground:height', height: Math.ceil(document.documentElement.scrollHeight) }))
    .observe(document.body);
  let pg;
  try {
    pg = await mountPairs(root, params);
  } catch (e) {
    showError(root, e);
    post({ type: 'kafka-playground:error', message: message(e) });
    return;
  }
  for (const name of ['commit', 'crash', 'rebalance', 'reset', 'reassignment']) {
    pg.on(name, (event) => post({ type: 'kafka-playground:event', name, event }));
  }
  window.addEventListener('message', (e) => {
    if (!origins.includes(e.origin) || typeof e.data !== 'object' || e.data === null) return;
    const d = e.data;
    try {
      switch (d.type) {
        case 'kafka-playground:play': pg.play(); break;
        case 'kafka-playground:pause': pg.pause(); break;
        case 'kafka-playground:step': pg.step(); break;
        case 'kafka-playground:seek': pg.seek(Number(d.ms)); break;
        case 'kafka-playground:load': pg.load(String(d.scenario)); break;
        default: return;
      }
    } catch (err) {
      post({ type: 'kafka-playground:error', message: message(err) });
    }
  });
  post({ type: 'kafka-playground:ready' });
}
