// The stage's marks in flight (records, replication, fetches, commits, rebalances), painted on
// one <canvas> off the main thread.
//
// Every mark used to be a DOM element with its own `Element.animate`: each animation's start,
// finish and removal cost the main thread about five frames of style, paint and commit, so ten
// marks a second cost more than the rest of the page. Here the page hands each mark over once
// (where it starts and ends, its shape and colours, when it was born) and a worker paints them
// on an OffscreenCanvas at the display's rate; the main thread does nothing while they fly.
// Where a browser cannot transfer a canvas to a worker, the same painter runs on the main thread.
//
// The path is the model's (`view::flight_point`): eased in and out, arcing 14 px up. A
// there-and-back mark (a consumer's fetch) goes to the leader and returns with the records.

function painter(scope) {
  const MARKS_MAX = 256;
  let ctx = null;
  let width = 0;
  let height = 0;
  let dpr = 1;
  let marks = [];
  let running = false;
  const now = () => performance.timeOrigin + performance.now();
  const ease = (t) => (t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2);
  const point = (m, t) => {
    const e = ease(Math.min(1, Math.max(0, t)));
    return [m.x0 + (m.x1 - m.x0) * e, m.y0 + (m.y1 - m.y0) * e + Math.sin(Math.PI * e) * -14];
  };
  const frame = typeof scope.requestAnimationFrame === 'function'
    ? (f) => scope.requestAnimationFrame(f)
    : (f) => setTimeout(f, 16);
  function draw() {
    if (!ctx) return;
    const t = now();
    marks = marks.filter((m) => t < m.start + m.dur);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    for (const m of marks) {
      let p = (t - m.start) / m.dur;
      if (p < 0) continue;
      if (m.back) p = p < 0.5 ? p * 2 : 2 - p * 2;
      const [x, y] = point(m, p);
      ctx.beginPath();
      if (m.shape === 'diamond') {
        ctx.moveTo(x, y - m.r * 1.4);
        ctx.lineTo(x + m.r * 1.4, y);
        ctx.lineTo(x, y + m.r * 1.4);
        ctx.lineTo(x - m.r * 1.4, y);
        ctx.closePath();
      } else if (m.shape === 'square') {
        ctx.roundRect(x - m.r, y - m.r, 2 * m.r, 2 * m.r, 3);
      } else {
        ctx.arc(x, y, m.r, 0, 2 * Math.PI);
      }
      ctx.globalAlpha = m.alpha;
      ctx.fillStyle = m.fill;
      ctx.fill();
      if (m.strokeWidth > 0) {
        ctx.lineWidth = m.strokeWidth;
        ctx.strokeStyle = m.stroke;
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
      if (m.text) {
        ctx.fillStyle = m.textColour;
        ctx.font = '700 8px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(m.text, x, y + 0.5);
      }
    }
    if (marks.length) {
      frame(draw);
    } else {
      running = false;
    }
  }
  return (msg) => {
    if (msg.canvas) ctx = msg.canvas.getContext('2d');
    if (msg.size) {
      [width, height, dpr] = msg.size;
      if (ctx) {
        ctx.canvas.width = Math.round(width * dpr);
        ctx.canvas.height = Math.round(height * dpr);
      }
    }
    if (msg.clear) marks = [];
    if (msg.marks) {
      // Born `flown` ms before it was handed over: it starts that far along its path.
      const t = now();
      for (const m of msg.marks) marks.push({ ...m, start: t - m.flown });
      // Bounded: the model keeps at most a few dozen in flight; never more than MARKS_MAX here.
      if (marks.length > MARKS_MAX) marks.splice(0, marks.length - MARKS_MAX);
    }
    if (!running && ctx) {
      running = true;
      frame(draw);
    }
  };
}

// The colours a mark names (`--key-3`, `--surface`, …), resolved once per theme on the canvas
// itself (custom properties may hold `light-dark()`, which only the style engine resolves).
function palette(canvas) {
  const cache = new Map();
  return (name) => {
    if (!name || !name.startsWith('--')) return name;
    if (!cache.has(name)) {
      const before = canvas.style.color;
      canvas.style.color = `var(${name})`;
      cache.set(name, getComputedStyle(canvas).color || '#888');
      canvas.style.color = before;
    }
    return cache.get(name);
  };
}

const reduced = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
const darkScheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

export class MarkCanvas {
  constructor(canvas) {
    this.canvas = canvas;
    this.theme = null;
    this.colour = palette(canvas);
    this.counts = { record: 0, replicate: 0, fetch: 0, commit: 0, revoke: 0, assign: 0 };
    this.post = null;
    this.worker = null;
    if (typeof canvas.transferControlToOffscreen === 'function' && typeof Worker === 'function' && typeof Blob === 'function') {
      try {
        const source = `const paint = (${painter.toString()})(self); self.onmessage = (e) => paint(e.data);`;
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        this.worker = new Worker(url);
        URL.revokeObjectURL(url);
        const offscreen = canvas.transferControlToOffscreen();
        this.worker.postMessage({ canvas: offscreen }, [offscreen]);
        this.post = (msg) => this.worker.postMessage(msg);
        canvas.dataset.painter = 'worker';
      } catch (_) {
        this.worker?.terminate();
        this.worker = null;
      }
    }
    if (!this.post) {
      const paint = painter(globalThis);
      paint({ canvas });
      this.post = paint;
      canvas.dataset.painter = 'main';
    }
  }

  /** The stage's size in CSS px. */
  resize(width, height) {
    this.post({ size: [width, height, Math.min(2, globalThis.devicePixelRatio || 1)] });
  }

  /** Marks as JSON: [{kind, x0, y0, x1, y1, r, shape, fill, stroke, strokeWidth, alpha, text,
   *  textColour, dur, flown, back}]; colours are CSS values or custom property names. */
  launch(json, theme) {
    theme = `${theme} ${darkScheme?.matches}`;
    if (theme !== this.theme) {
      this.theme = theme;
      this.colour = palette(this.canvas);
    }
    const marks = JSON.parse(json);
    for (const m of marks) this.counts[m.kind] = (this.counts[m.kind] ?? 0) + 1;
    this.canvas.dataset.launched = Object.entries(this.counts).map(([k, v]) => `${k}:${v}`).join(' ');
    if (reduced?.matches) return;
    for (const m of marks) {
      m.fill = this.colour(m.fill);
      m.stroke = this.colour(m.stroke);
      m.textColour = this.colour(m.textColour);
    }
    this.post({ marks });
  }

  clear() {
    this.post({ clear: true });
  }

  free() {
    this.worker?.terminate();
    this.worker = null;
  }
}
