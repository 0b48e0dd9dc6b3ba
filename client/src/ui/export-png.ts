/**
 * Draws a PNG export: the caption's title and date above the graph picture, a legend of the
 * kinds and link statuses in it below, then the sources and the address of the view.
 */
import { KIND_STYLES, STATUS_STYLES } from '../graph/kind-style';
import type { PngCaption } from '../state/png-caption';

/** The graph picture is drawn at 2×; the caption's sizes follow. */
const SCALE = 2;
const MARGIN = 24 * SCALE;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const INK = '#1f2933';
const MUTED = '#52606d';

/** Cuts a word wider than `width` (an address) into pieces that fit. */
function pieces(context: CanvasRenderingContext2D, word: string, width: number): string[] {
  const parts: string[] = [];
  let part = '';
  for (const char of word) {
    if (part && context.measureText(part + char).width > width) {
      parts.push(part);
      part = '';
    }
    part += char;
  }
  return part ? [...parts, part] : parts;
}

/** Splits `text` into lines no wider than `width` with the context's current font. */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').flatMap((w) => pieces(context, w, width))) {
    const next = line ? `${line} ${word}` : word;
    if (line && context.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function swatch(
  context: CanvasRenderingContext2D,
  x: number,
  y: number,
  color: string,
  shape: string,
) {
  const r = 7 * SCALE;
  context.fillStyle = color;
  context.beginPath();
  if (shape === 'ellipse') context.arc(x + r, y, r, 0, 2 * Math.PI);
  else if (shape === 'diamond') {
    context.moveTo(x + r, y - r);
    context.lineTo(x + 2 * r, y);
    context.lineTo(x + r, y + r);
    context.lineTo(x, y);
  } else context.rect(x, y - r, 2 * r, 2 * r);
  context.fill();
  return 2 * r;
}

export async function captionedPng(graph: Blob, caption: PngCaption): Promise<Blob> {
  const picture = await createImageBitmap(graph);
  const width = Math.max(picture.width + 2 * MARGIN, 900 * SCALE);
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('This browser cannot draw a PNG (no 2D canvas).');
  const textWidth = width - 2 * MARGIN;
  const small = `${12 * SCALE}px ${FONT}`;
  measure.font = `600 ${20 * SCALE}px ${FONT}`;
  const titleLines = wrap(measure, caption.title, textWidth);
  measure.font = small;
  const footLines = [
    ...wrap(measure, caption.sourceLine, textWidth),
    ...wrap(measure, `Made with Threadline · ${caption.viewUrl}`, textWidth),
  ];
  const line = 18 * SCALE;
  const head = MARGIN + titleLines.length * 26 * SCALE + line + 8 * SCALE;
  const legend = 2 * line + 8 * SCALE;
  const height = head + picture.height + legend + footLines.length * line + MARGIN;

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw a PNG (no 2D canvas).');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.textBaseline = 'top';

  let y = MARGIN;
  context.fillStyle = INK;
  context.font = `600 ${20 * SCALE}px ${FONT}`;
  for (const text of titleLines) {
    context.fillText(text, MARGIN, y);
    y += 26 * SCALE;
  }
  context.font = small;
  context.fillStyle = MUTED;
  context.fillText(caption.dateLine, MARGIN, y);
  y = head;
  context.drawImage(picture, (width - picture.width) / 2, y);
  y += picture.height + 8 * SCALE;

  // Legend: one row of kinds, one of link statuses.
  context.textBaseline = 'middle';
  let x = MARGIN;
  for (const kind of caption.kinds) {
    const style = KIND_STYLES[kind];
    x += swatch(context, x, y + line / 2, style.color, style.shape) + 6 * SCALE;
    context.fillStyle = INK;
    context.fillText(style.label, x, y + line / 2);
    x += context.measureText(style.label).width + 16 * SCALE;
  }
  y += line;
  x = MARGIN;
  for (const status of caption.statuses) {
    const style = STATUS_STYLES[status];
    context.strokeStyle = style.color;
    context.lineWidth = 2 * SCALE;
    context.setLineDash(style.dashPattern[1] > 0 ? style.dashPattern.map((d) => d * SCALE) : []);
    context.beginPath();
    context.moveTo(x, y + line / 2);
    context.lineTo(x + 30 * SCALE, y + line / 2);
    context.stroke();
    x += 36 * SCALE;
    context.fillStyle = INK;
    const label = `${style.label} link`;
    context.fillText(label, x, y + line / 2);
    x += context.measureText(label).width + 16 * SCALE;
  }
  context.setLineDash([]);
  y += line + 8 * SCALE;

  context.textBaseline = 'top';
  context.fillStyle = MUTED;
  for (const text of footLines) {
    context.fillText(text, MARGIN, y);
    y += line;
  }
  picture.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))),
      'image/png',
    ),
  );
}
