// Draws the app icon set into build/: icon.png (512x512, what electron-builder converts for
// macOS), icons/NxN.png (the Linux set) and icon.ico (Windows). Run `node scripts/make-icons.mjs`
// after changing the drawing; the output is committed. Hand-written on purpose: a few shapes
// need no image library, and the same script gives the same bytes on every machine (an
// ImageMagick or font version could not change the icon behind our back).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build');

/** Signed distance to a rounded box centred at (cx, cy); negative inside. */
function roundedBox(x, y, cx, cy, halfW, halfH, radius) {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Signed distance to a line segment of the given half thickness. */
function segment(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - halfWidth;
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/**
 * The icon in unit coordinates (0..1, y down): a dark rounded tile, three rising volume bars
 * and a green trend line that breaks out upwards: a launch, seen on a chart.
 */
function colourAt(x, y) {
  const layers = [];
  if (roundedBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.2) <= 0) {
    layers.push(mix([30, 41, 59], [15, 23, 42], y)); // slate tile, lighter at the top
  } else {
    return [0, 0, 0, 0];
  }
  const bars = [
    [0.3, 0.7, 0.1],
    [0.5, 0.62, 0.18],
    [0.7, 0.52, 0.28],
  ];
  for (const [cx, top, h] of bars) {
    if (roundedBox(x, y, cx, top + h / 2 + 0.08, 0.06, h / 2 + 0.04, 0.02) <= 0) layers.push([56, 189, 248]);
  }
  const line = [
    [0.2, 0.56],
    [0.4, 0.46],
    [0.55, 0.5],
    [0.78, 0.24],
  ];
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i];
    const [bx, by] = line[i + 1];
    if (segment(x, y, ax, ay, bx, by, 0.035) <= 0) layers.push([74, 222, 128]);
  }
  // Arrowhead at the end of the line.
  for (const [dx, dy] of [
    [-0.13, 0.0],
    [0.0, 0.13],
  ]) {
    if (segment(x, y, 0.8, 0.22, 0.8 + dx, 0.22 + dy, 0.035) <= 0) layers.push([74, 222, 128]);
  }
  return [...layers[layers.length - 1], 255];
}

/** RGBA pixels of the icon at `size`, 4x4 supersampled so the edges are smooth. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          // Premultiplied, so transparent samples do not darken the edge.
          sum[0] += c[0] * c[3];
          sum[1] += c[1] * c[3];
          sum[2] += c[2] * c[3];
          sum[3] += c[3];
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sum[3] / (n * n);
      for (let k = 0; k < 3; k++) pixels[i + k] = alpha === 0 ? 0 : Math.round(sum[k] / sum[3]);
      pixels[i + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG. */
function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // depth 8, colour type RGBA, deflate, no filter set, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows .ico holding PNG images (supported since Windows Vista). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];
const windowsSizes = [16, 24, 32, 48, 64, 128, 256];
const images = new Map(linuxSizes.map((size) => [size, png(size, render(size))]));
mkdirSync(path.join(out, 'icons'), { recursive: true });
writeFileSync(path.join(out, 'icon.png'), images.get(512));
for (const [size, data] of images) writeFileSync(path.join(out, 'icons', `${size}x${size}.png`), data);
writeFileSync(path.join(out, 'icon.ico'), ico(windowsSizes.map((size) => ({ size, data: images.get(size) }))));
console.log(`icons written to ${path.relative(root, out)}/: icon.png, icon.ico, icons/{${linuxSizes.join(',')}}`);
