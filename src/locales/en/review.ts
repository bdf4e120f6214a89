// Strings of the review features (English).
export const review = {
  placeholder: '',
};
