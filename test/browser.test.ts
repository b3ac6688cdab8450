import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { MONSTER_SIZE } from '../app/monsters/monster-request.js';
import { launchChromium } from './support/chromium.js';
import { TEST_OUTPUT } from './support/paths.js';
import { useStack } from './support/stack.js';
import { serveOnLoopback } from './support/serve.js';

/** What the tests read of an <img> in the page (this program has no DOM types). */
interface ImageState {
  readonly complete: boolean;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
}

/**
 * Waits for a monster image to load, then answers its natural size. Functions, never
 * strings: the page's CSP forbids eval, and Playwright polls a string predicate with eval.
 */
async function loadedSize(page: Page, image: Locator): Promise<[number, number]> {
  const handle = await image.elementHandle({ timeout: 20_000 });
  assert.ok(handle, 'the page shows no monster');
  await page.waitForFunction((img: ImageState) => img.complete && img.naturalWidth > 0, handle, {
    timeout: 20_000,
  });
  return handle.evaluate((img: ImageState): [number, number] => [
    img.naturalWidth,
    img.naturalHeight,
  ]);
}

/** The monster the page shows for `name` (its alt text names it). */
const monsterOf = (page: Page, name: string): Locator =>
  page.locator('p.monster img').and(page.getByAltText(`The monster for ${name}`, { exact: true }));

describe('in a real browser (Debian chromium)', () => {
  const stack = useStack();
  let server: Server;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ server, origin: base } = await serveOnLoopback(stack.app.handler));
    browser = await launchChromium();
  });
  after(async () => {
    try {
      await browser.close();
    } finally {
      server.close();
    }
  });

  /** A fresh page for one test, closed whatever the test does. */
  async function withPage(test: (page: Page) => Promise<void>): Promise<void> {
    const page = await browser.newPage();
    try {
      await test(page);
    } finally {
      await page.close();
    }
  }

  const submit = async (page: Page, name: string): Promise<void> => {
    await page.fill('input[name=name]', name);
    await page.click('button[type=submit]');
  };

  it('types a name, submits, and shows its 80x80 monster', () =>
    withPage(async (page) => {
      await page.goto(base);
      assert.equal(await page.title(), 'Identidock');
      await submit(page, 'Grace Hopper');
      const size = await loadedSize(page, monsterOf(page, 'Grace Hopper'));
      assert.deepEqual(size, [MONSTER_SIZE.default, MONSTER_SIZE.default]);
      assert.equal(await page.inputValue('input[name=name]'), 'Grace Hopper');

      await mkdir(TEST_OUTPUT, { recursive: true });
      const screenshot = path.join(TEST_OUTPUT, 'browser-monster.png');
      // The page's content, for docs/page.png (the README's picture is a copy of this one).
      await page.setViewportSize({ width: 720, height: 280 });
      await page.screenshot({ path: screenshot });
      console.log(`screenshot: ${screenshot}`);
    }));

  it('waits for a monster that is served slowly (1.5 s late)', () =>
    withPage(async (page) => {
      let delayed = 0;
      // The real app still serves the image; the browser only receives it late.
      await page.route('**/monster/*', async (route) => {
        delayed++;
        await setTimeout(1500);
        await route.continue();
      });
      await page.goto(base, { waitUntil: 'domcontentloaded' });
      const size = await loadedSize(page, monsterOf(page, 'Joe Bloggs'));
      assert.deepEqual(size, [MONSTER_SIZE.default, MONSTER_SIZE.default]);
      assert.equal(delayed, 1);
    }));

  it('runs nothing from a name that is a script', () =>
    withPage(async (page) => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const xss = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
      await page.goto(base);
      await submit(page, xss);
      await loadedSize(page, monsterOf(page, xss));

      assert.deepEqual(dialogs, []);
      assert.equal(await page.locator('script').count(), 0);
      assert.equal(await page.locator('img').count(), 1, 'an injected <img> made it into the page');
      assert.equal(await page.inputValue('input[name=name]'), xss);
    }));
});
