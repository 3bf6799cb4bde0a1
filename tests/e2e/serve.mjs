// A tiny static file server for the release bundle (dist/), bound to
// 127.0.0.1 on a free port. The end-to-end tests start it themselves through
// harness.mjs; `node tests/e2e/serve.mjs [dir] [port]` serves by hand.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/** The precompressed copy to send for `accept` (an Accept-Encoding header), as a host with
 *  `brotli_static`/`gzip_static` would: brotli first, then gzip, then none. */
function encodingFor(accept) {
  // "br;q=0" refuses brotli; any other q (or none) accepts it.
  const offered = String(accept ?? '')
    .toLowerCase()
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, ...params]) => !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p)))
    .map(([name]) => name.trim());
  return [['br', '.br'], ['gzip', '.gz']].find(([name]) => offered.includes(name)) ?? null;
}

/**
 * Serves `root` on 127.0.0.1. Resolves to `{ origin, port, close() }`.
 * `port` 0 (the default) picks a free port. `precompressed: true` serves the
 * build's `.br`/`.gz` copy of a file when the browser accepts it and the copy
 * exists, with `content-encoding`, as static hosts do. `onRequest(path)` hears
 * every request the server answers (what was really downloaded).
 */
export async function startServer(root, { port = 0, precompressed = false, cacheHashed = false, onRequest = () => {} } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      onRequest(url.pathname);
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = resolve(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const encoding = precompressed ? encodingFor(req.headers['accept-encoding']) : null;
      const copy = encoding && (await stat(file + encoding[1]).catch(() => null));
      const body = await readFile(copy ? file + encoding[1] : file);
      res.writeHead(200, {
        'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        // The tests want every answer fresh; a host as the README advises
        // (cacheHashed, the phone bench) keeps files named by their hash.
        'cache-control': cacheHashed && /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(file) ? 'public, max-age=31536000, immutable' : cacheHashed ? 'no-cache' : 'no-store',
        'x-content-type-options': 'nosniff',
        ...(precompressed ? { vary: 'accept-encoding' } : {}),
        ...(copy ? { 'content-encoding': encoding[0] } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const actualPort = server.address().port;
  return {
    origin: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'dist';
  const { origin } = await startServer(root, { port: Number(process.argv[3] ?? 0) });
  console.log(`serving ${resolve(root)} at ${origin}/`);
}
