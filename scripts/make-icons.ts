// Renders public/favicon.svg to the PNG app icons the web app manifest lists (public/icon-192.png,
// public/icon-512.png) with the local Chromium: no network, no image library. Run after changing the SVG:
//   npx tsx scripts/make-icons.ts
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from './chromium-path';

const c = resolveChromium();
if (!c.ok) throw new Error(c.message);
const svg = readFileSync('public/favicon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: c.path, args: CHROMIUM_ARGS });
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    // A light rounded tile behind the house, so the icon reads on dark launchers and task bars too.
    await page.setContent(
      `<body style="margin:0"><div style="width:${size}px;height:${size}px;background:#ffffff;border-radius:${size * 0.18}px;display:grid;place-items:center">` +
        svg.replace('<svg ', `<svg width="${Math.round(size * 0.8)}" height="${Math.round(size * 0.8)}" `) +
        '</div></body>',
    );
    await page.screenshot({ path: `public/icon-${size}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
