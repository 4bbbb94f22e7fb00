import { esc } from './escape.ts';
import { launchBrowser, type BrowserHandle } from './browser.ts';

const FOOTER = (title: string): string =>
  `<div style="font:9px DejaVu Sans,sans-serif;width:100%;padding:0 12mm;display:flex;justify-content:space-between;color:#555">` +
  `<span>${esc(title)}</span><span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;

/** Prints an HTML document to an A4 PDF with page numbers; every <details> is opened first. */
export async function htmlToPdf(html: string, title: string, handle?: BrowserHandle): Promise<Buffer> {
  const own = handle ?? (await launchBrowser());
  try {
    const page = await own.browser.newPage();
    // A walkthrough of hundreds of pages takes longer than puppeteer's 30 s default on a busy
    // machine; printing is local work with no network, so there is nothing to wait out. setContent
    // and pdf take their timeouts from this default.
    page.setDefaultTimeout(0);
    // Nothing may leave the document: block every request that is not the document itself.
    await page.setRequestInterception(true);
    page.on('request', (r) => void (r.url().startsWith('data:') ? r.continue() : r.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMediaType('print');
    await page.evaluate(() => {
      for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
    });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      // Room for the footer on pages whose CSS sets no @page margin (a page's own @page rule wins).
      margin: { top: '14mm', right: '12mm', bottom: '16mm', left: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER(title),
    });
    await page.close();
    return Buffer.from(pdf);
  } finally {
    if (!handle) await own.close();
  }
}

/** A walkthrough (from `renderWalkthrough`) as PDF bytes. */
export function renderWalkthroughPdf(html: string, handle?: BrowserHandle): Promise<Buffer> {
  return htmlToPdf(html, 'wirebook walkthrough', handle);
}
