/** Stylesheets imported for esbuild to bundle into dist/web/app.css. */
declare module '*.css';
