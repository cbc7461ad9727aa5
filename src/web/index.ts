/** The web UI's public face: mount `createWebUi(webDepsFor(controller, …))` at `/`. */
export { createWebUi } from './app.tsx';
export { webDepsFor } from './deps.ts';
export type { WebDeps } from './deps.ts';
export { loadAssets, assetsFrom } from './assets/assets.ts';
export type { Assets } from './assets/assets.ts';
export { sessionKeyIn } from './auth/session-key.ts';
