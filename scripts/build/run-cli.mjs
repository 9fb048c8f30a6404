// Starts one of the course's command-line tools from a JavaScript bundle, built with esbuild the first
// time and again whenever a file it was built from changes. Compiling the TypeScript at every start
// (tsx) cost 1–3 s per command; a GitHub Classroom workflow runs one per exercise per push.
// Plain JavaScript, so Node runs it directly.
//
// Usage: node scripts/build/run-cli.mjs <tool> [arguments for the tool]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Each tool's entry point, by the name `npm run` knows it by. */
export const TOOLS = {
  grade: 'scripts/course-cli/grade.ts',
  'check-exercise': 'scripts/course-cli/check-exercise.ts',
  'exercises:verify': 'scripts/course-cli/exercises-verify.ts',
  sandbox: 'scripts/course-cli/sandbox.ts',
  'new:exercise': 'scripts/course-cli/new-exercise.ts',
  'teach:link': 'scripts/course-cli/teach-link.ts',
  'teach:schema': 'scripts/course-cli/teach-schema.ts',
  'mock-api': 'mock-api/server.ts',
};

// One folder per checkout: two worktrees may share a node_modules, never their bundles.
const cacheDir = join(
  root,
  'node_modules',
  '.cache',
  'course-cli',
  createHash('sha256').update(root).digest('hex').slice(0, 12),
);

/** Whether the bundle is missing, or any file it was built from changed since. */
function isStale(outfile, inputsFile) {
  if (!existsSync(outfile) || !existsSync(inputsFile)) return true;
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return Object.entries(inputs).some(
      ([file, mtimeMs]) => !existsSync(file) || statSync(file).mtimeMs !== mtimeMs,
    );
  } catch {
    return true;
  }
}

/**
 * The bundle sits elsewhere than its sources, so each source's own `import.meta.url`, `.filename`
 * and `.dirname` are written into it as they would be at its real place (files are found beside
 * the code, e.g. checks-api.ts next to the checker).
 */
const keepImportMeta = {
  name: 'keep-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const source = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
      const loader = ['.ts', '.mts'].includes(extname(args.path)) ? 'ts' : 'js';
      return { contents: source, loader, resolveDir: dirname(args.path) };
    });
  },
};

async function bundle(entry, outfile, inputsFile) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    absWorkingDir: root,
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'error',
    plugins: [keepImportMeta],
  });
  // Two commands may start at once (tests, a CI matrix): each writes whole files under a temporary
  // name and renames them into place, so neither ever imports a half-written bundle.
  const writeWhole = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  const isMap = (output) => Number(output.path.endsWith('.map'));
  const outputs = [...result.outputFiles].sort((a, b) => isMap(b) - isMap(a));
  for (const output of outputs) writeWhole(output.path, output.contents);
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = resolve(root, input);
    if (existsSync(file)) inputs[file] = statSync(file).mtimeMs;
  }
  writeWhole(inputsFile, JSON.stringify(inputs));
}

/** Builds the tool's bundle if needed and returns its path. */
export async function toolBundle(name) {
  const entry = TOOLS[name];
  if (!entry) throw new Error(`Unknown tool "${name}".`);
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(cacheDir, `${name.replace(/[^a-z0-9-]/gi, '-')}.mjs`);
  const inputsFile = `${outfile}.inputs.json`;
  if (isStale(outfile, inputsFile)) await bundle(join(root, entry), outfile, inputsFile);
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [name, ...args] = process.argv.slice(2);
  if (!name || !(name in TOOLS)) {
    console.error(
      `run-cli: name one of the course's tools (${Object.keys(TOOLS).join(', ')}), e.g. \`node ${relative(process.cwd(), fileURLToPath(import.meta.url))} grade --help\`.`,
    );
    process.exit(2);
  }
  const outfile = await toolBundle(name);
  process.setSourceMapsEnabled(true); // stack traces point at the TypeScript sources
  // The tool reads its arguments from process.argv and checks argv[1] to know it is the program.
  process.argv = [process.argv[0], join(root, TOOLS[name]), ...args];
  await import(pathToFileURL(outfile).href);
}
