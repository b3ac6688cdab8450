import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';
import { serveOnLoopback, type Served } from './support/serve.js';

/** 8 px per cell of the 12-cell grid: SVG and PNG must paint exactly the same pixels. */
const GRID_MULTIPLE = 96;
// Not '.' or '..': browsers resolve those as dot segments before a request is made.
const NAMES = ['Joe_Bloggs', 'grace.hopper', 'alice', '~', 'a-very-long-name_with~marks'];

/** What the tests read in the other site's page (this program has no DOM types). */
interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: number[];
}
interface CanvasContext {
  drawImage(image: unknown, x: number, y: number, width: number, height: number): void;
  getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> };
}
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasContext;
}
interface Img {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  decode(): Promise<void>;
}
interface PageGlobals {
  document: {
    createElement(tag: 'canvas'): Canvas;
    querySelector(selector: string): Img | null;
  };
}

/**
 * In the other site's page: waits for the <img> matching `selector`, draws it into a
 * canvas at `size` px and reads the pixels back, which the browser allows only if the
 * image was fetched with CORS and our server allowed it.
 */
function readBack(page: Page, selector: string, size: number): Promise<Pixels> {
  return page.evaluate(
    async ({ selector, size }) => {
      const { document } = globalThis as unknown as PageGlobals;
      const img = document.querySelector(selector);
      if (!img) throw new Error(`no ${selector}`);
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0, size, size);
      return {
        width: img.naturalWidth,
        height: img.naturalHeight,
        rgba: Array.from(context.getImageData(0, 0, size, size).data),
      };
    },
    { selector, size },
  );
}

describe('another site embeds our monsters (Debian chromium)', () => {
  const stack = useStack();
  let browser: Browser;
  let app: Served;
  let site: Served;
  /** The other site's page: it shows whatever <img> tags it is given. */
  let pageHtml = '';

  before(async () => {
    app = await serveOnLoopback(stack.app.handler);
    site = await serveOnLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pageHtml);
    });
    browser = await launchChromium();
  });
  after(async () => {
    try {
      await browser.close();
    } finally {
      app.server.close();
      site.server.close();
    }
  });

  async function visitSiteShowing(images: string): Promise<Page> {
    pageHtml = `<!doctype html><title>another site</title><body>${images}</body>`;
    const page = await browser.newPage();
    await page.goto(site.origin);
    return page;
  }

  const monsterUrl = (name: string, query: string): string =>
    `${app.origin}/monster/${encodeURIComponent(name)}?${query}`;

  it('draws the SVG and the PNG of the same monster pixel for pixel at 96 px', async () => {
    const images = NAMES.map(
      (name, i) =>
        `<img id="png${i}" crossorigin="anonymous" src="${monsterUrl(name, `size=${GRID_MULTIPLE}`)}">` +
        `<img id="svg${i}" crossorigin="anonymous" src="${monsterUrl(name, `size=${GRID_MULTIPLE}&format=svg`)}">`,
    ).join('');
    const page = await visitSiteShowing(images);
    try {
      for (const [i, name] of NAMES.entries()) {
        const png = await readBack(page, `#png${i}`, GRID_MULTIPLE);
        const svg = await readBack(page, `#svg${i}`, GRID_MULTIPLE);
        assert.deepEqual([svg.width, svg.height], [GRID_MULTIPLE, GRID_MULTIPLE], name);
        assert.deepEqual([png.width, png.height], [GRID_MULTIPLE, GRID_MULTIPLE], name);
        const differing = png.rgba.filter((value, k) => value !== svg.rgba[k]).length;
        assert.equal(differing, 0, `${name}: ${differing} channel values differ`);
        const colours = new Set<string>();
        for (let k = 0; k < png.rgba.length; k += 4) colours.add(png.rgba.slice(k, k + 3).join());
        assert.ok(colours.size >= 4, `${name}: a monster, not a blank (${colours.size} colours)`);
      }
    } finally {
      await page.close();
    }
  });

  it('lets the other site read a monster back from a canvas (CORS), and only with CORS', async () => {
    const page = await visitSiteShowing(
      `<img id="cors" crossorigin="anonymous" src="${monsterUrl('embedded', 'format=svg')}">` +
        `<img id="plain" src="${monsterUrl('embedded', 'size=64')}">`,
    );
    try {
      const read = await readBack(page, '#cors', 80);
      assert.equal(read.rgba.length, 80 * 80 * 4);
      // Without crossorigin the browser taints the canvas: the readback above is CORS at work.
      await assert.rejects(readBack(page, '#plain', 64), /tainted|SecurityError|cross-origin/i);
    } finally {
      await page.close();
    }
  });

  it('serves SVG the browser parses as valid XML, with no script and nothing external', async () => {
    const page = await visitSiteShowing('');
    try {
      const svgUrl = monsterUrl('valid-xml', 'format=svg');
      const verdict = await page.evaluate(async (url) => {
        interface Dom {
          querySelector(selector: string): unknown;
          documentElement: { localName: string; getAttribute(name: string): string | null };
        }
        const { DOMParser, fetch } = globalThis as unknown as {
          DOMParser: new () => { parseFromString(text: string, type: string): Dom };
          fetch: (
            url: string,
          ) => Promise<{ text(): Promise<string>; headers: Map<string, string> }>;
        };
        const text = await (await fetch(url)).text();
        const dom = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          bytes: text.length,
          parseError: dom.querySelector('parsererror') !== null,
          root: dom.documentElement.localName,
          viewBox: dom.documentElement.getAttribute('viewBox'),
          rendering: dom.documentElement.getAttribute('shape-rendering'),
          scripts: dom.querySelector('script, foreignObject, image, use, a') !== null,
          external: /href|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(text),
        };
      }, svgUrl);
      assert.deepEqual(verdict, {
        bytes: verdict.bytes,
        parseError: false,
        root: 'svg',
        viewBox: '0 0 12 12',
        rendering: 'crispEdges',
        scripts: false,
        external: false,
      });
      assert.ok(verdict.bytes < 1024, `${verdict.bytes} bytes`);
    } finally {
      await page.close();
    }
  });
});
