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
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  tailwind: true,
  watchPaths: ["./machines", "./db", "./emails"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
  },
};
