export { formatModelUri, modelUri, parseModelUri } from './model-uri.js';
export type { ModelUri } from './model-uri.js';
