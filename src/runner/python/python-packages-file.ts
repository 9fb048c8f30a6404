/** Where the vendored requests packages are, for Node-side tests and tools (the site uses ?url). */
import { fileURLToPath } from 'node:url';

export const pythonPackagesFile = fileURLToPath(
  new URL('./vendor/requests-packages.zip', import.meta.url),
);
