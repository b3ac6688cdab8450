import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { TEST_OUTPUT } from './support/paths.js';
import { useStack } from './support/stack.js';

// Debian's chromium, as root, on a machine with no network beyond loopback.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];

describe('in a real browser (Debian chromium)', () => {
  const stack = useStack();
  let server: Server;
  let browser: Browser;
  let base: string;

  before(async () => {
    server = await new Promise<Server>((resolve) => {
      const listening = stack.app.app.listen(0, '127.0.0.1', () => {
        resolve(listening);
      });
    });
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser.close();
    server.close();
  });

  it('types a name, submits, and shows its 80x80 monster', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    assert.equal(await page.title(), 'Identidock');
    await page.fill('input[name=name]', 'Grace Hopper');
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    assert.equal(await page.inputValue('input[name=name]'), 'Grace Hopper');

    // Evaluated in the page; written as a string because this program has no DOM types.
    const monsterSize = `(() => {
      const image = document.querySelector('p.monster img');
      return image && image.complete && image.naturalWidth > 0
        ? [image.naturalWidth, image.naturalHeight] : null;
    })()`;
    await page.waitForFunction(monsterSize);
    assert.deepEqual(await page.evaluate(monsterSize), [80, 80]);

    await mkdir(TEST_OUTPUT, { recursive: true });
    const screenshot = path.join(TEST_OUTPUT, 'browser-monster.png');
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);
    await page.close();
  });

  it('runs nothing from a name that is a script', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const xss = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    await page.goto(base);
    await page.fill('input[name=name]', xss);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    await page.waitForLoadState('load');

    assert.deepEqual(dialogs, []);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img').count(), 1, 'an injected <img> made it into the page');
    assert.equal(await page.inputValue('input[name=name]'), xss);
    await page.close();
  });
});
