/**
 * The version of the art: the parts, the palette and both encoders' settings. A monster must
 * never change under a user once shown, so test/dnmonster/golden.test.ts pins the bytes of
 * fixed monsters for this version. Changing how monsters look or are encoded is then a
 * deliberate act: bump this, regenerate the golden file (UPDATE_GOLDEN=1 npm test), and say
 * so in the changelog. The app puts it in its cache keys, so old pictures are not served as
 * new ones.
 */
export const ART_VERSION = 1;
