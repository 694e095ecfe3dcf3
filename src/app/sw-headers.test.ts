import { describe, expect, it } from 'vitest';
import { withIsolationHeaders } from './sw-headers';

describe('service worker response headers', () => {
  it('adds COOP, COEP and CORP to a same-origin response, keeping status, body and its own headers', async () => {
    const original = new Response('console.log(1)', {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'text/javascript' },
    });
    const r = withIsolationHeaders(original, false);
    expect(r.status).toBe(200);
    expect(r.statusText).toBe('OK');
    expect(r.headers.get('Content-Type')).toBe('text/javascript');
    expect(r.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(r.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(r.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect(r.headers.get('X-Frame-Options')).toBeNull();
    expect(await r.text()).toBe('console.log(1)');
  });

  it('adds framing and referrer rules to documents only', () => {
    const r = withIsolationHeaders(new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } }), true);
    expect(r.headers.get('Content-Security-Policy')).toBe("frame-ancestors 'none'");
    expect(r.headers.get('X-Frame-Options')).toBe('DENY');
    expect(r.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it("keeps headers the host already sends (a host's own COEP or CSP wins)", () => {
    const r = withIsolationHeaders(
      new Response('x', {
        headers: {
          'Cross-Origin-Embedder-Policy': 'credentialless',
          'Content-Security-Policy': "default-src 'self'; frame-ancestors 'self'",
        },
      }),
      true,
    );
    expect(r.headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
    expect(r.headers.get('Content-Security-Policy')).toBe("default-src 'self'; frame-ancestors 'self'");
  });

  it('passes a 404 through as a 404', () => {
    expect(
      withIsolationHeaders(new Response('not found', { status: 404, statusText: 'Not Found' }), false).status,
    ).toBe(404);
  });

  it('returns opaque responses untouched (they cannot be copied)', () => {
    const opaque = Response.error();
    expect(opaque.status).toBe(0);
    expect(withIsolationHeaders(opaque, false)).toBe(opaque);
  });
});
