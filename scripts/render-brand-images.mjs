// Renders the site's bitmap images from the lantern mark (app/icon.svg), so they can be redrawn
// whenever the mark changes: public/favicon.ico (16, 32 and 48 px) and the default Open Graph
// image public/og-image.png (1200×630). Run: node scripts/render-brand-images.mjs
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.resolve(import.meta.dirname, "..");
const mark = fs.readFileSync(path.join(root, "app/icon.svg"), "utf8");
const markDataUrl = `data:image/svg+xml;base64,${Buffer.from(mark).toString("base64")}`;

/** An .ico holding PNG images (supported by every browser that still asks for /favicon.ico). */
function icoFromPngs(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((png) => png.data)]);
}

const pngs = await Promise.all(
  [16, 32, 48].map(async (size) => ({
    size,
    data: await sharp(Buffer.from(mark), { density: 72 * (size / 64) * 4 })
      .resize(size, size)
      .png()
      .toBuffer(),
  })),
);
fs.writeFileSync(path.join(root, "public/favicon.ico"), icoFromPngs(pngs));

// Warm light spreading from the lantern across a dark evening field; the name and what the site is for.
const og = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <defs>
    <radialGradient id="glow" cx="300" cy="315" r="520" gradientUnits="userSpaceOnUse">
      <stop offset="0" stop-color="#fbbf24" stop-opacity="0.55"/>
      <stop offset="0.45" stop-color="#c2410c" stop-opacity="0.25"/>
      <stop offset="1" stop-color="#1c1917" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="1200" height="630" fill="#1c1917"/>
  <rect width="1200" height="630" fill="url(#glow)"/>
  <image href="${markDataUrl}" x="170" y="185" width="260" height="260"/>
  <text x="500" y="300" font-family="DejaVu Serif, Georgia, serif" font-weight="bold" font-size="112" fill="#fff7ed">Lantern</text>
  <text x="504" y="372" font-family="Liberation Sans, Helvetica, Arial, sans-serif" font-size="34" fill="#fed7aa">Read their stories. Give once or monthly.</text>
  <text x="504" y="420" font-family="Liberation Sans, Helvetica, Arial, sans-serif" font-size="34" fill="#fed7aa">Follow the work for human rights.</text>
  <rect x="504" y="470" width="120" height="6" rx="3" fill="#ea580c"/>
</svg>`;
await sharp(Buffer.from(og)).png({ compressionLevel: 9 }).toFile(path.join(root, "public/og-image.png"));
console.log("wrote public/favicon.ico and public/og-image.png");
