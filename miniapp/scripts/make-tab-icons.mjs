// Draws the four tab bar icons (81×81 PNG, WeChat's recommended size) from simple shapes.
// Run once after changing a shape: node scripts/make-tab-icons.mjs (outputs are committed).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');
// The tab bar's label colours (app.config.ts `color` / `selectedColor`), read from the design tokens.
const TOKENS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../src/styles/_tokens.scss'), 'utf8');
function token(name) {
  const hex = new RegExp(`^\\$${name}:\\s*#([0-9a-f]{6});`, 'mi').exec(TOKENS)?.[1];
  if (!hex) throw new Error(`$${name} is not a 6-digit hex colour in _tokens.scss`);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}
const COLORS = { normal: token('color-text-tertiary'), active: token('color-primary') };

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

// Coordinates in a 0..1 box.
const SHAPES = {
  // A station: roof over a house with a door.
  stations: (x, y) =>
    (inTriangle(x, y, [0.5, 0.1], [0.08, 0.46], [0.92, 0.46]) || inRect(x, y, 0.2, 0.44, 0.8, 0.88)) &&
    !inRect(x, y, 0.42, 0.62, 0.58, 0.88),
  // A wish: a heart.
  wishes: (x, y) => {
    const u = (x - 0.5) * 2.3;
    const v = (0.55 - y) * 2.3;
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0;
  },
  // A benefit: a coupon with side notches and a dashed tear line.
  benefits: (x, y) =>
    inRect(x, y, 0.08, 0.24, 0.92, 0.76) &&
    !inCircle(x, y, 0.08, 0.5, 0.1) &&
    !inCircle(x, y, 0.92, 0.5, 0.1) &&
    !(inRect(x, y, 0.6, 0.28, 0.65, 0.72) && Math.floor((y - 0.28) / 0.08) % 2 === 0),
  // Me: head and shoulders.
  me: (x, y) =>
    inCircle(x, y, 0.5, 0.3, 0.18) ||
    (y >= 0.55 && y <= 0.9 && ((x - 0.5) / 0.38) ** 2 + ((y - 0.9) / 0.35) ** 2 <= 1),
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape, [r, g, b]) {
  const SS = 4; // 4×4 supersampling for smooth edges
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (shape((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hits++;
      const o = py * (SIZE * 4 + 1) + 1 + px * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = join(OUT, `${name}${state === 'active' ? '-active' : ''}.png`);
    const bytes = png(shape, color);
    writeFileSync(file, bytes);
    console.log(`${file.replace(/.*\/src\//, 'src/')} ${bytes.length} B`);
  }
}
