/** Types for assemble-standalone.mjs (plain JavaScript: it runs after `next build` without a compiler). */
export declare const WORKER_FILE: string;
export declare function standaloneBuildFolder(standaloneDir: string): string;
export declare function bundleWorker(options: { root: string; outFile: string }): Promise<{ bytes: number }>;
export declare function assembleStandalone(options: { root: string; distDir: string; outDir: string }): Promise<{ buildFolder: string; workerBytes: number }>;
