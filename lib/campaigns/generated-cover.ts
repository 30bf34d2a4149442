/**
 * A cover for a campaign that has no uploaded image: an original drawing derived from the
 * campaign's slug, so each campaign keeps its own and no photograph is borrowed. Warm lantern
 * light on a dusk sky: a gradient, one glow and a scatter of small lights above a horizon.
 * Pure data here; app/_components/campaign-cover.tsx draws it as an inline SVG (no script, no request).
 */
export interface GeneratedCover {
  /** Top and bottom of the sky. */
  sky: [string, string];
  glow: { x: number; y: number; radius: number; color: string };
  lights: { x: number; y: number; r: number; opacity: number }[];
  /** The horizon's outline, an SVG path in the 1600×900 view box. */
  hills: string;
  hillColor: string;
}

export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 900;

/** Dusk palettes in the site's warm range (brand orange, plum, deep blue), chosen per campaign. */
const PALETTES: { sky: [string, string]; glow: string; hill: string }[] = [
  { sky: ["#1e1b4b", "#9a3412"], glow: "#fdba74", hill: "#1c1917" },
  { sky: ["#172554", "#7c2d12"], glow: "#fcd34d", hill: "#0c0a09" },
  { sky: ["#3b0764", "#c2410c"], glow: "#fed7aa", hill: "#1c1917" },
  { sky: ["#0f172a", "#b45309"], glow: "#fde68a", hill: "#0c0a09" },
  { sky: ["#4a044e", "#9a3412"], glow: "#fdba74", hill: "#1c1917" },
];

/** FNV-1a: a stable 32-bit number from the slug. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** A small deterministic random sequence (mulberry32) seeded by the slug. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const round = (value: number) => Math.round(value * 10) / 10;

export function generatedCover(slug: string): GeneratedCover {
  const seed = hash(slug);
  const random = sequence(seed);
  const palette = PALETTES[seed % PALETTES.length]!;
  const glow = {
    x: round(COVER_WIDTH * (0.2 + random() * 0.6)),
    y: round(COVER_HEIGHT * (0.35 + random() * 0.2)),
    radius: round(COVER_HEIGHT * (0.45 + random() * 0.2)),
    color: palette.glow,
  };
  const lights = Array.from({ length: 28 }, () => ({
    x: round(random() * COVER_WIDTH),
    y: round(random() * COVER_HEIGHT * 0.7),
    r: round(2 + random() * 7),
    opacity: round(0.25 + random() * 0.6),
  }));
  // A horizon of three to five soft hills across the bottom fifth.
  const peaks = 3 + Math.floor(random() * 3);
  const base = COVER_HEIGHT * 0.8;
  let hills = `M0 ${round(base + random() * 40)}`;
  for (let index = 1; index <= peaks; index += 1) {
    const x = (COVER_WIDTH / peaks) * index;
    const controlX = x - COVER_WIDTH / peaks / 2;
    hills += ` Q${round(controlX)} ${round(base - 60 - random() * 90)} ${round(x)} ${round(base + random() * 40)}`;
  }
  hills += ` L${COVER_WIDTH} ${COVER_HEIGHT} L0 ${COVER_HEIGHT} Z`;
  return { sky: palette.sky, glow, lights, hills, hillColor: palette.hill };
}
