// Preload for child processes: records (and refuses) every attempt to reach the network —
// sockets, DNS, HTTP(S), TLS, UDP, fetch — to $CHUKAN_TEST_NET_LOG, one line per attempt.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const log = process.env.CHUKAN_TEST_NET_LOG;
const record = (what) => {
  if (log) appendFileSync(log, what + '\n');
  const e = new Error(`network access refused in test: ${what}`);
  e.code = 'ECONNREFUSED';
  return e;
};
/** A Unix domain socket (a path, not a host): local IPC, e.g. tsx's own relay pipe — not the network. */
const isLocalIpc = (a) => typeof a === 'string' && isNaN(Number(a)) || (a && typeof a === 'object' && typeof a.path === 'string' && a.port === undefined && a.host === undefined);
const deny = (obj, name, label, allowIpc = false) => {
  const orig = obj[name];
  if (typeof orig !== 'function') return;
  obj[name] = function denied(...args) {
    if (allowIpc && isLocalIpc(Array.isArray(args[0]) ? args[0][0] : args[0])) return orig.apply(this, args);
    throw record(label);
  };
};

const net = require('node:net');
deny(net, 'connect', 'net.connect', true);
deny(net, 'createConnection', 'net.createConnection', true);
deny(net.Socket.prototype, 'connect', 'net.Socket#connect', true);
const tls = require('node:tls');
deny(tls, 'connect', 'tls.connect');
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  deny(m, 'request', `${mod}.request`);
  deny(m, 'get', `${mod}.get`);
}
const dns = require('node:dns');
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse', 'lookupService']) {
  deny(dns, fn, `dns.${fn}`);
  deny(dns.promises, fn, `dns.promises.${fn}`);
}
deny(require('node:dgram'), 'createSocket', 'dgram.createSocket');
if (typeof globalThis.fetch === 'function') globalThis.fetch = async () => { throw record('fetch'); };
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = function () { throw record('WebSocket'); };
syncBuiltinESMExports();
