// The part of miniflare's API the smoke uses. miniflare lives in the runtime cache, outside this
// repository's node_modules, so its own types are not at hand when type-checking.
export declare class Miniflare {
  constructor(options: { modules: boolean; script: string; compatibilityDate: string });
  dispatchFetch(url: string, init: { method: string; body: string }): Promise<{ status: number; text(): Promise<string> }>;
  dispose(): Promise<void>;
}
