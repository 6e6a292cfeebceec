/** Types of scripts/bundle.mjs, for the TypeScript bench and tests that call it. */
export function bundleAction(dir: string): Promise<Map<string, Buffer>>;
export function writeBundle(dir: string, files: Map<string, Buffer>): void;
export function staleFiles(dir: string, files: Map<string, Buffer>): string[];
export function actionDirs(root: string): string[];
