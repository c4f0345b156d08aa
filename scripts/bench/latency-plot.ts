import type { GridResult } from './grid-point.js';

const WIDTH = 640;
const HEIGHT = 360;
const PAD = { left: 60, right: 150, top: 30, bottom: 45 };
const COLORS: Record<string, string> = {
  'ours-plain': '#1f77b4',
  'ours-direct': '#2ca02c',
  bare: '#7f7f7f',
  'ai-sdk': '#ff7f0e',
  agents: '#d62728',
};

/**
 * An SVG line chart of p50 (dashed) and p99 (solid) latency against
 * concurrency, one colour per target, for one model latency.
 */
export function latencyPlot(results: readonly GridResult[], modelMs: number) {
  const rows = results.filter((r) => r.modelMs === modelMs && r.requests > 0);
  const levels = [...new Set(rows.map((r) => r.connections))].sort(
    (a, b) => a - b,
  );
  const top = niceCeiling(Math.max(1, ...rows.map((r) => r.p99)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (c: number) =>
    PAD.left +
    (levels.length < 2
      ? plotW / 2
      : (levels.indexOf(c) / (levels.length - 1)) * plotW);
  const y = (ms: number) => PAD.top + plotH - (ms / top) * plotH;

  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    text(
      WIDTH / 2 - PAD.right / 2,
      18,
      `Latency vs concurrency, ${modelMs} ms model`,
      'middle',
      14,
    ),
    line(PAD.left, y(0), PAD.left + plotW, y(0), '#333'),
    line(PAD.left, y(0), PAD.left, y(top), '#333'),
    text(PAD.left + plotW / 2, HEIGHT - 8, 'concurrent calls', 'middle'),
    text(14, PAD.top + plotH / 2, 'ms', 'middle'),
  ];
  for (let i = 0; i <= 4; i++) {
    const ms = (top / 4) * i;
    parts.push(line(PAD.left, y(ms), PAD.left + plotW, y(ms), '#eee'));
    parts.push(text(PAD.left - 6, y(ms) + 4, String(Math.round(ms)), 'end'));
  }
  for (const c of levels)
    parts.push(text(x(c), y(0) + 16, String(c), 'middle'));

  const names = [...new Set(rows.map((r) => r.target))];
  names.forEach((name, i) => {
    const color = COLORS[name] ?? 'black';
    const mine = rows.filter((r) => r.target === name);
    const series = (pick: (r: GridResult) => number, dash: string) =>
      `<polyline fill="none" stroke="${color}" stroke-width="2" ${dash} points="${mine
        .map((r) => `${x(r.connections).toFixed(1)},${y(pick(r)).toFixed(1)}`)
        .join(' ')}"/>`;
    parts.push(series((r) => r.p99, ''));
    parts.push(series((r) => r.p50, 'stroke-dasharray="5,4"'));
    const ly = PAD.top + 10 + i * 18;
    parts.push(
      line(WIDTH - PAD.right + 12, ly, WIDTH - PAD.right + 32, ly, color),
    );
    parts.push(text(WIDTH - PAD.right + 38, ly + 4, name, 'start'));
  });
  const ly = PAD.top + 10 + names.length * 18 + 8;
  parts.push(
    text(WIDTH - PAD.right + 12, ly, 'solid p99, dashed p50', 'start', 10),
  );

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
    `font-family="sans-serif" font-size="11">\n${parts.join('\n')}\n</svg>\n`
  );
}

function niceCeiling(value: number): number {
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

function line(x1: number, y1: number, x2: number, y2: number, color: string) {
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${color}"/>`;
}

function text(x: number, y: number, body: string, anchor: string, size = 11) {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-size="${size}">${body}</text>`;
}
