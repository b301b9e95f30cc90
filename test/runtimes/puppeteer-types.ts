// The part of puppeteer-core's API the browser smokes use. puppeteer-core lives in the runtime
// cache, outside this repository's node_modules, so its own types are not at hand when type-checking.
export interface PuppeteerPage {
  goto(url: string): Promise<unknown>;
  waitForFunction(predicate: () => boolean): Promise<unknown>;
  evaluate<Input, Output>(work: (input: Input) => Promise<Output>, input: Input): Promise<Output>;
}

export interface PuppeteerCore {
  launch(options: {
    browser: 'chrome' | 'firefox';
    executablePath: string;
    headless: boolean;
    args?: string[];
    protocol?: 'cdp' | 'webDriverBiDi';
  }): Promise<{ newPage(): Promise<PuppeteerPage>; close(): Promise<void> }>;
}
