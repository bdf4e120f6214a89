// Strings of src/canvas (English).
export const canvas = {
  placeholder: '',
};
