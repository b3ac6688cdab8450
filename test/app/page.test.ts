import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildApp, type TestApp } from '../support/test-app.js';

// sha256("UNIQUE_SALT" + "Joe Bloggs") as Python's hashlib computes it for the Flask original.
const JOE_BLOGGS_HASH = '9d19f9f3fabd63c76a2d1408e061de7ae453e8f42488dc5812948081f4035eba';
// sha256("another salt" + "Joe Bloggs"), from sha256sum.
const SALTED_JOE_BLOGGS_HASH = '5594cbe1e9b1f673b6d9fa0a1c0965b5a4d381f3816cc9d2640b7e642ce11167';
const XSS = '"><script>alert(1)</script>';

describe('the page', () => {
  let app: TestApp;
  before(async () => {
    app = await buildApp({});
  });
  after(async () => {
    await app.close();
  });

  it('shows the form and the default name with its monster, hashed as the Flask app did', async () => {
    const response = await request(app.handler)
      .get('/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    assert.match(response.text, /<form method="POST" action="\/">/);
    assert.match(response.text, /name="name" value="Joe Bloggs"/);
    assert.match(response.text, new RegExp(`<img src="/monster/${JOE_BLOGGS_HASH}"`));
  });

  it('shows the posted name and its monster', async () => {
    const response = await request(app.handler)
      .post('/')
      .type('form')
      .send({ name: 'Ada Lovelace' })
      .expect(200);
    assert.match(response.text, /value="Ada Lovelace"/);
    const hash = /\/monster\/([0-9a-f]{64})"/.exec(response.text)?.[1];
    assert.ok(hash);
    assert.notEqual(hash, JOE_BLOGGS_HASH);
  });

  it('uses IDENTIDOCK_SALT', async () => {
    const salted = await buildApp({ IDENTIDOCK_SALT: 'another salt' });
    try {
      const response = await request(salted.handler).get('/').expect(200);
      assert.match(response.text, new RegExp(`<img src="/monster/${SALTED_JOE_BLOGGS_HASH}"`));
      assert.doesNotMatch(response.text, new RegExp(JOE_BLOGGS_HASH));
    } finally {
      await salted.close();
    }
  });

  it('escapes the name wherever it is echoed', async () => {
    const response = await request(app.handler)
      .post('/')
      .type('form')
      .send({ name: XSS })
      .expect(200);
    assert.ok(!response.text.includes('<script>'), 'raw <script> in the page');
    assert.match(response.text, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(response.text, /alt="The monster for &quot;&gt;&lt;script&gt;/);
  });

  it('answers 400 with a reason for a missing or blank name', async () => {
    for (const body of [{}, { name: '' }, { name: '   ' }]) {
      const response = await request(app.handler).post('/').type('form').send(body).expect(400);
      assert.match(response.text, /missing or blank/);
    }
    const notAForm = await request(app.handler).post('/').send({ name: 'json' }).expect(400);
    assert.match(notAForm.text, /missing or blank/);
  });

  it('answers 400 naming the limit for a name over 256 characters, 413 for a huge form', async () => {
    await request(app.handler)
      .post('/')
      .type('form')
      .send({ name: 'x'.repeat(256) })
      .expect(200);
    const long = await request(app.handler)
      .post('/')
      .type('form')
      .send({ name: 'x'.repeat(257) })
      .expect(400);
    assert.match(long.text, /257 characters, the limit is 256/);
    const huge = await request(app.handler)
      .post('/')
      .type('form')
      .send({ name: 'x'.repeat(10_000) })
      .expect(413);
    assert.match(huge.text, /at most 4kb/);
  });

  it('sends security headers from helmet, with a CSP that allows no script', async () => {
    const response = await request(app.handler).get('/').expect(200);
    const csp = response.headers['content-security-policy'];
    assert.match(String(csp), /script-src 'none'/);
    assert.match(String(csp), /default-src 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-powered-by'], undefined);
  });

  it('answers 404 in plain text for unknown paths', async () => {
    const response = await request(app.handler).get('/nope').expect(404);
    assert.equal(response.text, 'Not found\n', 'a 404 says no more, and never echoes the path');
    const echoed = await request(app.handler).get('/%3Cb%3Eshout%3C%2Fb%3E').expect(404);
    assert.equal(echoed.text, 'Not found\n');
  });
});
