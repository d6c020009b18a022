// One way to move around a drawing, shared by the explorer's SVG and canvas and by the map: the wheel zooms about the
// pointer, dragging the background pans (a press that moves 3 px or less is a click), arrows pan and + or − zoom when
// the drawing has the focus. Each drawing says how its view is kept (a view box, or a centre and a zoom) through zoom
// and pan; what a press on one of its nodes does (grab) and what a click does stay its own. Handlers sit on the
// document, so they keep working when live.js swaps in a redrawn drawing.
//
// options: element() the drawing; view() its view now; setView(view, moving) — moving while a drag goes on;
// zoom(view, x, y, rect, factor) the view zoomed about (x, y) in the drawing's pixels, factor > 1 closer;
// pan(view, dx, dy, rect) the view with the drawing dragged by (dx, dy) pixels;
// grab (optional): press(event, rect) a node to drag, or null to pan; move(node, event, rect); release(drag, event) after any press.
export function panZoom({ element, view, setView, zoom, pan, grab = null, wheelStep = 1.15, keyStep = 1.3 }) {
  let drag = null;
  const inside = event => { const drawing = element(); return !!drawing && (drawing === event.target || drawing.contains(event.target)); };

  document.addEventListener('wheel', event => {
    if (!inside(event)) return;
    event.preventDefault();
    const rect = element().getBoundingClientRect();
    setView(zoom(view(), event.clientX - rect.left, event.clientY - rect.top, rect, event.deltaY > 0 ? 1 / wheelStep : wheelStep), false);
  }, { passive: false });

  document.addEventListener('pointerdown', event => {
    if (!inside(event) || event.button > 0) return;
    const rect = element().getBoundingClientRect();
    drag = { x: event.clientX, y: event.clientY, start: view(), node: grab?.press(event, rect) ?? null, moved: false };
  });

  document.addEventListener('pointermove', event => {
    if (!drag) return;
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) drag.moved = true;
    if (!drag.moved) return;
    const rect = element().getBoundingClientRect();
    if (drag.node !== null) grab.move(drag.node, event, rect);
    else setView(pan(drag.start, event.clientX - drag.x, event.clientY - drag.y, rect), true);
  });

  window.addEventListener('pointerup', event => {
    const done = drag;
    if (!done) return;
    // Kept until this event's click handlers have run, so that they can tell a drag from a click.
    setTimeout(() => { if (drag === done) drag = null; }, 0);
    if (done.moved && done.node === null) setView(view(), false);
    grab?.release?.(done, event);
  });

  document.addEventListener('keydown', event => {
    const drawing = element();
    if (!drawing || event.target !== drawing) return;
    const rect = drawing.getBoundingClientRect();
    const [sx, sy] = [rect.width / 10, rect.height / 10];
    const moves = { ArrowLeft: [sx, 0], ArrowRight: [-sx, 0], ArrowUp: [0, sy], ArrowDown: [0, -sy] };
    const factor = { '+': keyStep, '=': keyStep, '-': 1 / keyStep }[event.key];
    if (moves[event.key]) setView(pan(view(), ...moves[event.key], rect), false);
    else if (factor) setView(zoom(view(), rect.width / 2, rect.height / 2, rect, factor), false);
    else return;
    event.preventDefault();
  });

  return {
    /** The press under way (cleared just after its pointerup), or null. */
    dragging: () => drag,
    /** Whether the press under way moved: then its click is not a click. */
    moved: () => drag?.moved === true,
  };
}

// The zoom and pan of a view box { x, y, w, h } that fills its drawing (the explorer's SVG, the map).
export const viewBox = {
  zoom(b, x, y, rect, factor) {
    const px = b.x + x / rect.width * b.w, py = b.y + y / rect.height * b.h, s = 1 / factor;
    return { x: px - (px - b.x) * s, y: py - (py - b.y) * s, w: b.w * s, h: b.h * s };
  },
  pan: (b, dx, dy, rect) => ({ ...b, x: b.x - dx / rect.width * b.w, y: b.y - dy / rect.height * b.h }),
  /** The point of the drawing under (x, y) pixels. */
  at: (b, x, y, rect) => [b.x + x / rect.width * b.w, b.y + y / rect.height * b.h],
};
