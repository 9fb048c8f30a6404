/** See src/lib/classic-worker-plugin.ts: the module's source, bundled as one classic script. */
declare module '*?classic-worker' {
  const loadSource: () => Promise<string>;
  export default loadSource;
}
