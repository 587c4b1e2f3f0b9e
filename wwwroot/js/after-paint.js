// Resolves once the browser has painted the frame after this call: the users page changes the URL only then, because
// Chromium's history update (replaceState, 4 to 6 ms) delayed the new rows' paint when it ran first. A hidden tab paints
// no frames, so it also resolves after 100 ms.
export function afterPaint() {
  return new Promise(resolve => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}
