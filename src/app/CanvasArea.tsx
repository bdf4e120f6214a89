// Placeholder until src/canvas exports MapCanvas and Toolbar.
export function CanvasArea() {
  return <div className="canvas-placeholder" data-testid="map-canvas" />;
}
