// Frame rate of the explorer's canvas while panning and zooming, measured in headless Chromium (Debian's, no download).
//
// Usage: node fps.mjs [BASE_URL] [PATH]   e.g. node fps.mjs http://127.0.0.1:5000 "/datasets/cordis/explore?country=all"
// A private dataset: NETWORK_KEY=nk_… (an API key allowed to read it) is sent as X-Api-Key.
// For three seconds it sends one drag or wheel step per animation frame, as a hand on a trackpad would, records a
// performance trace, and prints the frames the page drew and the DrawFrame events in the trace, per second.
import { chromium } from 'playwright-core';
import { readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const [base = 'http://127.0.0.1:5000', path = '/datasets/cordis/explore?country=all'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, extraHTTPHeaders: process.env.NETWORK_KEY ? { 'X-Api-Key': process.env.NETWORK_KEY } : {} });
await page.goto(base + path, { timeout: 180_000 });
await page.waitForSelector('canvas#graph-canvas[data-ready=true]', { timeout: 180_000 });
const tracePath = join(tmpdir(), `explorer-trace-${process.pid}.json`);
await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame'] });
const result = await page.evaluate(() => new Promise(resolve => {
  const canvas = document.getElementById('graph-canvas');
  const r = canvas.getBoundingClientRect();
  const first = window.exploreFrames();
  const start = performance.now();
  let i = 0;
  canvas.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: r.left + 10, clientY: r.top + 10, pointerId: 1 }));
  const step = () => {
    i++;
    if (i % 2) document.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: r.left + 10 + (i % 200), clientY: r.top + 10 + (i % 100), pointerId: 1 }));
    else canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: (i % 80) < 40 ? -60 : 60, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 }));
    if (performance.now() - start < 3000) requestAnimationFrame(step);
    else resolve({ frames: window.exploreFrames() - first, seconds: (performance.now() - start) / 1000, nodes: canvas.getAttribute('aria-label') });
  };
  requestAnimationFrame(step);
}));
await browser.stopTracing();
const trace = JSON.parse(readFileSync(tracePath, 'utf8'));
rmSync(tracePath);
const frames = (trace.traceEvents ?? trace).filter(e => e.name === 'DrawFrame').map(e => e.ts).sort((a, b) => a - b);
const span = frames.length > 1 ? (frames.at(-1) - frames[0]) / 1e6 : 0;
console.log(`${result.nodes}: ${result.frames} frames drawn in ${result.seconds.toFixed(2)} s = ${(result.frames / result.seconds).toFixed(1)} frames/s by the page; ` +
  `${frames.length} DrawFrame events in the trace = ${span ? ((frames.length - 1) / span).toFixed(1) : 'n/a'} frames/s`);
await browser.close();
