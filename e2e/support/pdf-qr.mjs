// Reads the QR codes back out of a PDF the app printed: pdf.js renders its first page to a canvas inside
// chromium and jsQR decodes what is drawn, so the test checks the paper, not the page it came from.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const source = (specifier) => readFileSync(require.resolve(specifier), 'utf8');

/**
 * The first page's size in millimetres and the text of every QR code on it (decoded one at a time:
 * each found code is painted over before looking again).
 */
export async function readPdfQrCodes(browser, pdf) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><canvas id="c"></canvas>');
    await page.addScriptTag({ content: source('pdfjs-dist/build/pdf.min.mjs'), type: 'module' });
    await page.addScriptTag({ content: source('jsqr/dist/jsQR.js') });
    await page.waitForFunction(() => globalThis.pdfjsLib && globalThis.jsQR);
    return await page.evaluate(
      async ({ data, worker }) => {
        const { pdfjsLib, jsQR } = globalThis;
        pdfjsLib.GlobalWorkerOptions.workerSrc = URL.createObjectURL(new Blob([worker], { type: 'text/javascript' }));
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const doc = await pdfjsLib.getDocument({ data: bytes }).promise;
        const first = await doc.getPage(1);
        const [, , widthPt, heightPt] = first.view;
        const viewport = first.getViewport({ scale: 4 });
        const canvas = document.getElementById('c');
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await first.render({ canvasContext: ctx, canvas, viewport }).promise;
        const codes = [];
        for (let i = 0; i < 4; i++) {
          const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
          const found = jsQR(image.data, image.width, image.height);
          if (!found) break;
          codes.push(found.data);
          const xs = Object.values(found.location).filter((p) => p && typeof p.x === 'number');
          const [minX, maxX] = [Math.min(...xs.map((p) => p.x)), Math.max(...xs.map((p) => p.x))];
          const [minY, maxY] = [Math.min(...xs.map((p) => p.y)), Math.max(...xs.map((p) => p.y))];
          ctx.fillRect(minX - 20, minY - 20, maxX - minX + 40, maxY - minY + 40);
        }
        const mm = (pt) => Math.round((pt * 25.4) / 72);
        return { pages: doc.numPages, widthMm: mm(widthPt), heightMm: mm(heightPt), codes };
      },
      { data: pdf.toString('base64'), worker: source('pdfjs-dist/build/pdf.worker.min.mjs') },
    );
  } finally {
    await context.close();
  }
}
