// Starts redis-commander for the production stack, behind HTTP basic auth.
//   REDIS_HOSTS               label:host[:port[:db[:password]]], one Redis (the usual format of
//                             redis-commander's images, parsed here because the npm package
//                             leaves that to its Docker entrypoint, a script that writes files)
//   HTTP_USER, HTTP_PASSWORD  the basic-auth login; without both it refuses to start
//   REDIS_PASSWORD            Redis's password, if REDIS_HOSTS does not carry it
//   PORT                      where the gate listens (default 8081)
// Each of HTTP_USER, HTTP_PASSWORD and REDIS_PASSWORD may instead come from a file named by
// NAME_FILE (a Docker secret), as the official images allow.
// Nothing is written to disk, so the container's filesystem can stay read-only.
'use strict';

const { startBasicAuthProxy } = require('./basic-auth-proxy.cjs');

/** redis-commander itself, reachable only through the gate (loopback inside the container). */
const UPSTREAM_PORT = 8082;

function fail(message) {
  console.error(`redis-commander: ${message}`);
  process.exit(1);
}

const fs = require('node:fs');

/** NAME, or the content of the file NAME_FILE names (without its final newline). */
function setting(name) {
  const file = process.env[`${name}_FILE`];
  if (!file) return process.env[name];
  if (process.env[name]) fail(`set ${name} or ${name}_FILE, not both`);
  try {
    return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    return fail(`cannot read ${name}_FILE=${file}: ${error.code || error.message}`);
  }
}

const user = setting('HTTP_USER');
const password = setting('HTTP_PASSWORD');
const redisPassword = setting('REDIS_PASSWORD');
const hosts = process.env.REDIS_HOSTS;
const port = Number(process.env.PORT || 8081);
if (!user || !password) {
  fail(
    'refusing to start without HTTP basic auth credentials: set REDIS_COMMANDER_USER and ' +
      'REDIS_COMMANDER_PASSWORD in .env (they reach this container as HTTP_USER and HTTP_PASSWORD)',
  );
}
if (!hosts) fail('set REDIS_HOSTS to label:host[:port[:db[:password]]]');

const [label, host, redisPort = '6379', db = '0', ...rest] = hosts.split(':');
if (!label || !host || !/^\d+$/.test(redisPort) || !/^\d+$/.test(db)) {
  fail(`cannot read REDIS_HOSTS (label "${label}"): expected label:host[:port[:db[:password]]]`);
}
const connection = { label, host, port: Number(redisPort), dbIndex: Number(db) };
if (rest.length > 0) connection.password = rest.join(':');
else if (redisPassword) connection.password = redisPassword;

// node-config, which redis-commander reads its settings with, merges NODE_CONFIG over its
// files. Its own login is off: the gate in front does authentication.
process.env.NODE_CONFIG = JSON.stringify({
  noSave: true,
  connections: [connection],
  server: { address: '127.0.0.1', port: UPSTREAM_PORT, httpAuth: { username: '', password: '' } },
});
// node-config maps these variables over NODE_CONFIG, so they must not reach redis-commander.
delete process.env.HTTP_USER;
delete process.env.HTTP_PASSWORD;
delete process.env.REDIS_PASSWORD;
delete process.env.PORT;
delete process.env.ADDRESS;

startBasicAuthProxy({
  port,
  upstreamPort: UPSTREAM_PORT,
  user,
  password,
  realm: 'redis-commander',
});
require('redis-commander/bin/redis-commander.js');
