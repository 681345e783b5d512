// Loaded early (an async module in the page's <head>): starts the engine's worker while the rest of the
// page is still being read, so Python is ready sooner. widgets.js shares the same engine (one module).
import { start } from "./engine.js";

start();
