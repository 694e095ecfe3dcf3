#!/usr/bin/env node
// A plain static host, like GitHub Pages: serves the files of a folder (dist/ by default) with a
// Content-Type and nothing else (no COOP/COEP, no CSP, no caching headers), answers "/" and "/dir/" with
// index.html, and any unknown path with status 404 and the body of 404.html. The e2e suite uses it
// (e2e/static-host.spec.ts) to show that the built app works on such a host.
//   node scripts/static-server.mjs [--port 4180] [--root dist] [--host 127.0.0.1]
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(option('port', '4180'));
const host = option('host', '127.0.0.1');
const root = resolve(option('root', 'dist'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside root, or null (outside root, or not a file). */
async function fileFor(urlPath) {
  let path;
  try {
    path = normalize(join(root, decodeURIComponent(urlPath)));
  } catch {
    return null;
  }
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    const s = await stat(path);
    if (s.isDirectory()) {
      const index = join(path, 'index.html');
      return (await stat(index)).isFile() ? index : null;
    }
    return s.isFile() ? path : null;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = await fileFor(urlPath);
    const status = file ? 200 : 404;
    const body = file
      ? await readFile(file)
      : await readFile(join(root, '404.html')).catch(() => Buffer.from('Not found'));
    const type = file ? (TYPES[extname(file)] ?? 'application/octet-stream') : 'text/html; charset=utf-8';
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(String(e));
  }
});

server.listen(port, host, () => {
  console.log(`static host: ${root} on http://${host}:${port} (404.html for unknown paths, no custom headers)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
