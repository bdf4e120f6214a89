// Opening an access link (`#/map/<id>?token=…`): the token is kept for the map in this tab and
// taken out of the address bar, so it does not sit in the history or get copied with the
// address by accident; the share dialog is where links are handed on.
import { useEffect } from 'react';
import { mapHref } from '../routing';
import { useServices } from '../services';

export function LinkIntake({ mapId, token }: { mapId: string; token: string }) {
  const { access } = useServices();
  useEffect(() => {
    access?.acceptLink(mapId, token);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${mapHref(mapId)}`);
    // replaceState fires no event: tell the router the address changed.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, [access, mapId, token]);
  return null;
}
