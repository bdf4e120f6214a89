/// <reference types="vite/client" />
// Set by vite.config.ts (`define`): the build's name, the package version unless CJM_BUILD names it.
declare const __CJM_BUILD__: string;
