import { fileURLToPath } from 'node:url';

// Tests run compiled, from dist/test/support/; these resolve to dist/ and the repo root.
export const DIST = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const TEST_OUTPUT = fileURLToPath(new URL('../../../test-output/', import.meta.url));
