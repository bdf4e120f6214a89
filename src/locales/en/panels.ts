// Strings of src/panels (English).
export const panels = {
  placeholder: '',
};
