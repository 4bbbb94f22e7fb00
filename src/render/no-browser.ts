// Its own file so the CLI can recognise the error without importing puppeteer (seconds to load).

/** Thrown when no browser can be found: says how to install one or point at one. */
export class NoBrowserError extends Error {
  constructor(path: string) {
    super(
      `No Chromium found at ${path}. Install one (Debian/Ubuntu: apt-get install -y chromium fonts-dejavu-core) ` +
        'or point wirebook at any Chrome/Chromium binary with PUPPETEER_EXECUTABLE_PATH=/path/to/chrome.',
    );
    this.name = 'NoBrowserError';
  }
}
