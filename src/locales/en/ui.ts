// Strings of src/ui, the primitives shared by the canvas, panels and app (English).
export const ui = {
  confirm: {
    ok: 'OK',
    cancel: 'Cancel',
  },
};
