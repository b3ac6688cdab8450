// Starts redis-commander for the production stack, behind HTTP basic auth.
//   REDIS_HOSTS               label:host[:port[:db[:password]]], one Redis (the usual format of
//                             redis-commander's images, parsed here because the npm package
//                             leaves that to its Docker entrypoint, a script that writes files)
//   HTTP_USER, HTTP_PASSWORD  the basic-auth login; without both it refuses to start
//   PORT                      where the gate listens (default 8081)
// Nothing is written to disk, so the container's filesystem can stay read-only.
'use strict';

const { startBasicAuthProxy } = require('./basic-auth-proxy.cjs');

/** redis-commander itself, reachable only through the gate (loopback inside the container). */
const UPSTREAM_PORT = 8082;

function fail(message) {
  console.error(`redis-commander: ${message}`);
  process.exit(1);
}

const { HTTP_USER: user, HTTP_PASSWORD: password, REDIS_HOSTS: hosts } = process.env;
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
