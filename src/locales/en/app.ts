// Strings of src/app (English).
export const app = {
  placeholder: '',
};
