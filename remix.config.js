import { readdirSync } from "node:fs";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";

const ignoredRouteFiles = ["**/.*", "**/*.test.*"];

/** Every escalation path's own report routes: app/paths/<path>/routes/, flat routes like app/routes/. */
const pathRouteFolders = readdirSync("app/paths", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(`app/paths/${entry.name}`).includes("routes"))
  .map((entry) => `paths/${entry.name}/routes`);

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The Express server (with the in-process workers) is compiled together with the app into
  // build/index.js, so the server, the routes and the workers share one database connection.
  server: "./app/server.ts",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Native and Node-only packages stay outside the bundle.
  serverDependenciesToBundle: [],
  ignoredRouteFiles,
  routes: async () => Object.assign({}, ...pathRouteFolders.map((folder) => flatRoutes("app", ignoredRouteFiles, folder))),
  tailwind: true,
  watchPaths: ["./machines", "./db", "./emails"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
  },
};
