import { defineConfig } from "vite";

// The app is static files: a relative base lets any server (or a sub-path) serve dist/.
export default defineConfig({
  base: "./",
  build: { target: "es2022", chunkSizeWarningLimit: 1024 },
});
