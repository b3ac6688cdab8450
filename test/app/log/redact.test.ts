import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl } from '../../../app/log/redact.js';

describe('redactUrl', () => {
  it('masks the password of the userinfo, and keeps the rest', () => {
    assert.equal(redactUrl(new URL('redis://:secret@redis:6379')), 'redis://:***@redis:6379');
    assert.equal(
      redactUrl(new URL('http://user:pw@dnmonster:8080/')),
      'http://user:***@dnmonster:8080/',
    );
    assert.equal(redactUrl(new URL('redis://redis:6379/2')), 'redis://redis:6379/2');
  });

  it('masks secrets passed in the query, whatever their key is called', () => {
    const url = new URL('redis://redis:6379/0?password=hunter2&db=1&authToken=t0k&api_key=k3y');
    const redacted = redactUrl(url);
    for (const secret of ['hunter2', 't0k', 'k3y']) assert.ok(!redacted.includes(secret), redacted);
    assert.equal(redacted, 'redis://redis:6379/0?password=***&db=1&authToken=***&api_key=***');
    assert.equal(url.searchParams.get('password'), 'hunter2', 'the original URL is left as it was');
  });
});
