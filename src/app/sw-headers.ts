/**
 * What a plain static host cannot send and the service worker adds: cross-origin isolation on every
 * same-origin response (so tfjs-wasm and workers may use SharedArrayBuffer), and on documents the
 * referrer and framing rules that `vite preview` sends as headers. A meta tag cannot carry
 * `frame-ancestors` or X-Frame-Options; here they apply to documents this worker serves (a first, framed
 * visit without the worker is not covered: hosts that can set headers should send them, see the README).
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const DOCUMENT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * A copy of `response` with the headers above added where the server did not send them itself (a host
 * that sets its own COEP or CSP keeps them). Opaque responses (status 0) cannot be copied and are returned
 * as they are.
 */
export function withIsolationHeaders(response: Response, isDocument: boolean): Response {
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  const add = (set: Readonly<Record<string, string>>): void => {
    for (const [name, value] of Object.entries(set)) if (!headers.has(name)) headers.set(name, value);
  };
  add(ISOLATION_HEADERS);
  if (isDocument) add(DOCUMENT_HEADERS);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
