// The worker behind checkMapFile: parses and validates a map file off the page's thread.
import { checkMapFileText } from './mapFileCheck';

addEventListener('message', (event: MessageEvent<{ id: number; text: string }>) => {
  postMessage({ id: event.data.id, check: checkMapFileText(event.data.text) });
});
