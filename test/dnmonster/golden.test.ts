import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ART_VERSION } from '../../dnmonster/art-version.js';
import { MONSTER_FORMATS } from '../../dnmonster/formats.js';
import { renderAs } from '../../dnmonster/render-any.js';
import { renderMonsterSvg } from '../../dnmonster/render-svg.js';
import { useDnmonster } from '../support/dnmonster-service.js';
import { REPO_ROOT } from '../support/paths.js';
import { rawGet } from '../support/raw-get.js';

/**
 * A monster must never change under a user once shown. This pins the bytes of 20 names at
 * three sizes in both formats, as dnmonster serves them and as the app's embedded renderer
 * draws them. A change of art or encoder settings (or a dependency that changes them) fails
 * here; if it is meant, bump ART_VERSION (dnmonster/art-version.ts) and regenerate with
 * UPDATE_GOLDEN=1 npm test (which also redraws the README's monsters in docs/monsters).
 */
const GOLDEN_FILE = path.join(REPO_ROOT, 'test/fixtures/golden-monsters.json');
const NAMES = [
  'Joe Bloggs',
  'Grace Hopper',
  'alice',
  'bob',
  '.',
  '..',
  '~',
  '-',
  'a',
  'Z',
  '0',
  'identidock',
  'dnmonster',
  'redis',
  'UNIQUE_SALT',
  '9d19f9f3fabd63c76a2d1408e061de7ae453e8f42488dc5812948081f4035eba',
  'x'.repeat(128),
  'émile',
  'monster-with-a-rather-long-name',
  '42',
];
const SIZES = [20, 80, 512];

interface Golden {
  readonly artVersion: number;
  /** name -> "format size" -> sha256 of the bytes. */
  readonly digests: Record<string, Record<string, string>>;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const picturesOf = (name: string): [string, Buffer][] =>
  MONSTER_FORMATS.flatMap((format) =>
    SIZES.map((size): [string, Buffer] => [`${format} ${size}`, renderAs(format, name, size)]),
  );

if (process.env.UPDATE_GOLDEN === '1') {
  const digests = Object.fromEntries(
    NAMES.map((name) => [
      name,
      Object.fromEntries(picturesOf(name).map(([kind, bytes]) => [kind, sha256(bytes)])),
    ]),
  );
  writeFileSync(GOLDEN_FILE, `${JSON.stringify({ artVersion: ART_VERSION, digests }, null, 2)}\n`);
  const docs = path.join(REPO_ROOT, 'docs/monsters');
  for (const file of readdirSync(docs).filter((entry) => entry.endsWith('.svg'))) {
    writeFileSync(path.join(docs, file), renderMonsterSvg(file.slice(0, -'.svg'.length), 64));
  }
}
const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden;

describe('stable art (golden digests)', () => {
  it('pins the current art version', () => {
    assert.equal(
      golden.artVersion,
      ART_VERSION,
      'ART_VERSION changed: regenerate the golden file (UPDATE_GOLDEN=1 npm test)',
    );
    assert.deepEqual(Object.keys(golden.digests).sort(), [...NAMES].sort());
  });

  it('the embedded renderer draws every pinned monster byte for byte', () => {
    for (const name of NAMES) {
      for (const [kind, bytes] of picturesOf(name)) {
        assert.equal(
          sha256(bytes),
          golden.digests[name]?.[kind],
          `${name} (${kind}) changed: a monster users have seen would look different`,
        );
      }
    }
  });

  it("the README's monsters (docs/monsters/NAME.svg, 64 px) are today's art", () => {
    const folder = path.join(REPO_ROOT, 'docs/monsters');
    const files = readdirSync(folder).filter((file) => file.endsWith('.svg'));
    assert.ok(files.length >= 4, `${files.length} monsters in docs/monsters`);
    for (const file of files) {
      const name = file.slice(0, -'.svg'.length);
      assert.deepEqual(readFileSync(path.join(folder, file)), renderMonsterSvg(name, 64), file);
    }
  });

  describe('the dnmonster service', () => {
    const dnmonster = useDnmonster();

    it('serves every pinned monster byte for byte', async () => {
      for (const name of NAMES) {
        for (const format of MONSTER_FORMATS) {
          for (const size of SIZES) {
            const reply = await rawGet(
              dnmonster.port,
              `/monster/${encodeURIComponent(name)}?size=${size}&format=${format}`,
            );
            assert.equal(reply.status, 200, `${name} ${format} ${size}`);
            assert.equal(
              sha256(reply.body),
              golden.digests[name]?.[`${format} ${size}`],
              `${name} (${format} ${size}) from dnmonster`,
            );
          }
        }
      }
    });
  });
});
