// Public face of the HTTP context.

export { clientKeyOf } from './client-key.js';
export { isSameOriginRequest, refuseCrossSite } from './same-origin.js';
export { createHttpApp, type HttpAppOptions, listen, type RouteMounter, type RunningServer } from './server.js';
