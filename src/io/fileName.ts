// Export file names: the rule lives in src/domain, shared with the server's downloads.
export { exportFileName, localDate, sanitiseFileName } from '../domain/fileName';
