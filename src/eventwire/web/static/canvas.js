// Shared by map.js and timeline.js: size a canvas's backing store to its CSS box and the screen's pixel
// ratio (so lines stay sharp), and redraw its owner when the window is resized.
"use strict";

function fitCanvas(owner) {
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = owner.canvas.getBoundingClientRect();
  owner.width = width; owner.height = height; owner.ratio = ratio;
  owner.canvas.width = Math.round(width * ratio);
  owner.canvas.height = Math.round(height * ratio);
}

function redrawOnResize(owner) {
  window.addEventListener("resize", () => { owner.resize(); owner.draw(); });
}
