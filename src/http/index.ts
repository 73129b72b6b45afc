// Public face of the HTTP context.
export { createHttpApp, type HttpAppOptions, listen, type RouteMounter, type RunningServer } from './server.js';
