/**
 * The monster artwork. A monster is drawn on a 12x12 grid from six parts, each picked
 * from its variants. A variant covers a band of rows (starting at `top`) and is drawn
 * as the LEFT half only, six cells wide; the renderer mirrors it, so every monster is
 * symmetric, as faces are.
 *
 * Cell letters: `.` leaves the cell as it is, B body, D shade (outline), L light,
 * A accent, W white, K black. Parts are painted in the order of `PARTS`, so later
 * parts (eyes, mouth) sit on top of earlier ones (legs, arms, body).
 */
export interface Part {
  readonly name: string;
  readonly top: number;
  readonly variants: readonly (readonly string[])[];
}

const legs: Part = {
  name: 'legs',
  top: 9,
  variants: [
    ['......', '...D..', '..DD..'], // two legs
    ['......', '...DD.', '..DDD.'], // stubby feet
    ['......', '.....D', '....DD'], // one central leg
    ['...B..', '...B..', '...DD.'], // long thin legs
    ['..B...', '.B....', 'DD....'], // wide stance
    ['......', '..DDD.', '..DKD.'], // wheels
  ],
};

const arms: Part = {
  name: 'arms',
  top: 4,
  variants: [
    ['......', '.DD...', '.B....', '.B....', '.D....'], // hanging down
    ['B.....', 'BD....', '.DD...', '......', '......'], // raised
    ['......', '......', 'DB....', '......', '......'], // stubs
    ['......', '.B....', 'B.....', '.B....', 'B.....'], // tentacles
    ['......', 'D.D...', '.BD...', '.B....', '......'], // claws
    ['......', '......', '......', '......', '......'], // none
  ],
};

const body: Part = {
  name: 'body',
  top: 2,
  variants: [
    ['...DDD', '..DBBB', '..DBBB', '..DBBB', '..DBBB', '..DBBB', '..DBBB', '...DDD'], // round
    ['..DDDD', '..DBBB', '..DBBB', '..DBLB', '..DBBB', '..DBBB', '..DBBB', '..DDDD'], // box
    ['....DD', '...DBB', '...DBB', '..DBBB', '..DBBB', '.DBBBB', '.DBBBB', '..DDDD'], // pear
    ['...DDD', '..DBBB', '..DBBB', '..DBBB', '..DBBB', '..DBBB', '..DBBB', '..D.BD'], // ghost
    ['...DDD', '..DBBB', '.DBBBB', '.DBBBB', '.DBBLL', '.DBBLL', '..DBLL', '...DDD'], // belly
    ['....DD', '...DBB', '..DBBB', '.DBBBB', '.DBBBB', '..DBBB', '...DBB', '....DD'], // potato
  ],
};

const hair: Part = {
  name: 'hair',
  top: 0,
  variants: [
    ['...A.A', '...AAA', '......'], // spikes
    ['...A..', '....D.', '......'], // antennae
    ['......', '..AAAA', '..A...'], // flat top
    ['..W...', '..WW..', '......'], // horns
    ['......', '......', '......'], // bald
    ['.....A', '.....A', '.....A'], // mohawk
    ['...A.A', '..A.A.', '......'], // curls
  ],
};

const eyes: Part = {
  name: 'eyes',
  top: 3,
  variants: [
    ['...WW.', '...WK.', '......'], // round pair
    ['....WW', '....WK', '....WW'], // cyclops
    ['......', '...KK.', '......'], // sleepy
    ['..WWW.', '..WKK.', '..WWW.'], // goggle
    ['......', '....K.', '......'], // beady
    ['..K...', '...KW.', '...WK.'], // angry
  ],
};

const mouth: Part = {
  name: 'mouth',
  top: 6,
  variants: [
    ['......', '...K..', '....KK'], // smile
    ['...KKK', '...W.W', '......'], // fangs
    ['....KK', '...KAA', '....KK'], // open
    ['......', '...KKK', '......'], // flat
    ['..KKKK', '..KWKW', '..KKKK'], // grin
    ['....KK', '....AA', '......'], // tongue
  ],
};

/** Paint order: back to front. */
export const PARTS: readonly Part[] = [legs, arms, body, hair, eyes, mouth];

export const GRID_SIZE = 12;
