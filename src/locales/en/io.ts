// Strings of the io features (English).
export const io = {
  placeholder: '',
};
