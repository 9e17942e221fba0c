import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env.API_URL ?? 'http://localhost:3300';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: true },
  '/health': { target: apiTarget, changeOrigin: true },
};

/**
 * The scripts of these packages (module ids use "/" on every system). Their style sheets
 * stay with the entry that imports them: main.tsx imports the charts' styles up front, and
 * in the charts chunk they would pull the whole chunk into the first load.
 */
const scriptsOf = (...names: string[]) => {
  const re = new RegExp(`/node_modules/(${names.join('|')})/.*\\.[cm]?js$`);
  return (id: string) => re.test(id);
};

// The built UI is served by the Nest server at "/", the API stays under "/api".
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: they change less often than the app, so browsers
        // keep them cached across releases, and the charts load only with the reports page.
        // A group takes the packages it names and what they import that no group of a higher
        // priority took: React first, then Mantine, the charts (recharts, d3, …) last.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              priority: 3,
              test: scriptsOf(
                'react',
                'react-dom',
                'scheduler',
                'react-router',
                'react-router-dom',
                '@tanstack/[^/]+',
              ),
            },
            {
              name: 'mantine',
              priority: 2,
              test: scriptsOf('@mantine/(core|dates|form|hooks|notifications|store)'),
            },
            { name: 'charts', priority: 1, test: scriptsOf('@mantine/charts', 'recharts') },
          ],
        },
      },
    },
  },
});
