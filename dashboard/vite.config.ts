import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the dashboard proxies /graphql to the API; in production the API serves dist/.
// The build script sets NODE_ENV=production itself: a build started from a test run (NODE_ENV=test)
// would otherwise bundle React's development build, twice the size.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(
      ["/graphql", "/exports"].map((path) => [path, process.env.API_URL ?? "http://127.0.0.1:4000"]),
    ),
  },
  build: { outDir: "dist", emptyOutDir: true, reportCompressedSize: true },
});
