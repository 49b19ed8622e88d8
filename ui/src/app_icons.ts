// The dashboard's bundled app icons: simple glyphs of Gatehouse's own (not the apps' logos),
// each a distinct shape on a distinct colour so a child can find "the green board" or "the red
// envelope" without reading. The names match `BUNDLED_APP_ICONS` in the core's configuration;
// a school's own PNG or SVG comes as a `data:` URL instead. Every icon carries the app's name
// as its text alternative.

const SVG_NS = 'http://www.w3.org/2000/svg';

type Shape = [tag: 'rect' | 'circle' | 'path' | 'polygon', attrs: Record<string, string | number>];

interface Glyph {
  /** The tile's background. */
  bg: string;
  shapes: Shape[];
}

const W = '#ffffff';

/** 48×48 glyphs on a rounded square of `bg`; white (and one accent) shapes on top. */
const GLYPHS: Record<string, Glyph> = {
  app: { bg: '#5f6b7a', shapes: [['rect', { x: 12, y: 12, width: 10, height: 10, fill: W }], ['rect', { x: 26, y: 12, width: 10, height: 10, fill: W }], ['rect', { x: 12, y: 26, width: 10, height: 10, fill: W }], ['rect', { x: 26, y: 26, width: 10, height: 10, fill: W }]] },
  // A board on an easel with a pupil in front.
  classroom: { bg: '#1e7b34', shapes: [['rect', { x: 9, y: 10, width: 30, height: 19, rx: 2, fill: W }], ['circle', { cx: 24, cy: 34, r: 4, fill: '#ffd54a' }], ['path', { d: 'M16 42a8 6 0 0 1 16 0Z', fill: '#ffd54a' }]] },
  // A cardboard box.
  drive: { bg: '#b35c00', shapes: [['polygon', { points: '10,18 24,11 38,18 24,25', fill: W }], ['polygon', { points: '10,20 23,27 23,39 10,32', fill: '#ffe2c2' }], ['polygon', { points: '38,20 25,27 25,39 38,32', fill: '#ffe2c2' }]] },
  // A page of text.
  docs: { bg: '#1a56b8', shapes: [['path', { d: 'M14 8h14l8 8v24H14Z', fill: W }], ['rect', { x: 18, y: 20, width: 14, height: 2.5, fill: '#1a56b8' }], ['rect', { x: 18, y: 26, width: 14, height: 2.5, fill: '#1a56b8' }], ['rect', { x: 18, y: 32, width: 9, height: 2.5, fill: '#1a56b8' }]] },
  // A grid of cells.
  sheets: { bg: '#0f6e4f', shapes: [['rect', { x: 11, y: 11, width: 26, height: 26, rx: 2, fill: W }], ['rect', { x: 11, y: 19, width: 26, height: 2, fill: '#0f6e4f' }], ['rect', { x: 11, y: 27, width: 26, height: 2, fill: '#0f6e4f' }], ['rect', { x: 23, y: 11, width: 2, height: 26, fill: '#0f6e4f' }]] },
  // A screen on a stand.
  slides: { bg: '#a04000', shapes: [['rect', { x: 8, y: 11, width: 32, height: 21, rx: 2, fill: W }], ['polygon', { points: '20,17 30,21.5 20,26', fill: '#a04000' }], ['rect', { x: 22.5, y: 32, width: 3, height: 6, fill: W }], ['rect', { x: 16, y: 37, width: 16, height: 3, rx: 1.5, fill: W }]] },
  // A list of ticked boxes.
  forms: { bg: '#6a2fa8', shapes: [['circle', { cx: 15, cy: 16, r: 3.5, fill: W }], ['rect', { x: 21, y: 14.5, width: 15, height: 3, fill: W }], ['circle', { cx: 15, cy: 25, r: 3.5, fill: W }], ['rect', { x: 21, y: 23.5, width: 15, height: 3, fill: W }], ['circle', { cx: 15, cy: 34, r: 3.5, fill: W }], ['rect', { x: 21, y: 32.5, width: 15, height: 3, fill: W }]] },
  // A video camera.
  meet: { bg: '#00737a', shapes: [['rect', { x: 8, y: 15, width: 22, height: 18, rx: 3, fill: W }], ['polygon', { points: '31,21 40,15 40,33 31,27', fill: W }]] },
  // A page of a calendar with its rings.
  calendar: { bg: '#2747a0', shapes: [['rect', { x: 10, y: 12, width: 28, height: 26, rx: 3, fill: W }], ['rect', { x: 10, y: 12, width: 28, height: 7, fill: '#ff8a80' }], ['rect', { x: 16, y: 8, width: 3, height: 7, rx: 1.5, fill: W }], ['rect', { x: 29, y: 8, width: 3, height: 7, rx: 1.5, fill: W }], ['rect', { x: 15, y: 24, width: 5, height: 4, fill: '#2747a0' }], ['rect', { x: 22, y: 24, width: 5, height: 4, fill: '#2747a0' }], ['rect', { x: 29, y: 24, width: 5, height: 4, fill: '#2747a0' }], ['rect', { x: 15, y: 31, width: 5, height: 4, fill: '#2747a0' }]] },
  // An envelope.
  gmail: { bg: '#c0262d', shapes: [['rect', { x: 8, y: 13, width: 32, height: 22, rx: 2, fill: W }], ['path', { d: 'M9 15l15 11 15-11', fill: 'none', stroke: '#c0262d', 'stroke-width': 3 }]] },
  // A web page in a window.
  sites: { bg: '#3d3d9e', shapes: [['rect', { x: 9, y: 10, width: 30, height: 28, rx: 2, fill: W }], ['rect', { x: 9, y: 10, width: 30, height: 6, fill: '#b9b9f0' }], ['rect', { x: 13, y: 20, width: 10, height: 13, fill: '#3d3d9e' }], ['rect', { x: 26, y: 20, width: 9, height: 3, fill: '#3d3d9e' }], ['rect', { x: 26, y: 26, width: 9, height: 3, fill: '#3d3d9e' }]] },
  // Speech bubbles.
  currents: { bg: '#b3261e', shapes: [['path', { d: 'M8 12h22v14H17l-6 5v-5H8Z', fill: W }], ['path', { d: 'M33 19h7v14h-3v5l-6-5H20v-4h13Z', fill: '#ffcdc9' }]] },
  // A light bulb.
  keep: { bg: '#8a6100', shapes: [['circle', { cx: 24, cy: 20, r: 10, fill: W }], ['rect', { x: 19, y: 28, width: 10, height: 6, fill: W }], ['rect', { x: 20, y: 35, width: 8, height: 3, rx: 1.5, fill: W }]] },
};

/** The tile's icon for `app`, named `label` for assistive technology. */
export function appIcon(app: { icon: string; icon_image?: string }, label: string): Element {
  if (app.icon_image) {
    const img = document.createElement('img');
    img.src = app.icon_image;
    img.alt = label;
    img.width = 48;
    img.height = 48;
    img.className = 'tile-icon tile-image';
    return img;
  }
  const glyph = GLYPHS[app.icon] ?? GLYPHS.app;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 48 48');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'tile-icon tile-glyph');
  svg.dataset.icon = GLYPHS[app.icon] ? app.icon : 'app';
  const add = (tag: string, attrs: Record<string, string | number>) => {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.appendChild(el);
  };
  add('rect', { width: 48, height: 48, rx: 10, fill: glyph.bg });
  for (const [tag, attrs] of glyph.shapes) add(tag, attrs);
  return svg;
}
