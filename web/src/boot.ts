// The first entry of index.html: starts the opened page's API requests before the
// application's code has arrived (api/boot.ts). Kept apart so that it is a file of a few
// hundred bytes the browser runs first.
import { startEarly } from './api/boot';

startEarly();
