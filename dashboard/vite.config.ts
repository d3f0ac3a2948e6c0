import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the dashboard proxies /graphql to the API; in production the API serves dist/.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/graphql": process.env.API_URL ?? "http://127.0.0.1:4000" } },
  build: { outDir: "dist", emptyOutDir: true, reportCompressedSize: true },
});
