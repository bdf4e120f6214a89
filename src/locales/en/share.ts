// Strings of the share features (English).
export const share = {
  placeholder: '',
};
