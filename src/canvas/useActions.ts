// Hands the action registry what it needs from React: the session, the selection, the
// language, the clipboard and the canvas bridge.
import { useCallback, useMemo } from 'react';
import { useT } from '../locales/i18n';
import { useMapSession, useUiStore } from '../store/context';
import { actionByName, runAction, type ActionContext, type ActionName, type PayloadArgs } from './actions';
import { canvasBridgeFor, showNotice } from './bridge';
import { appClipboard } from './clipboard';
import { useMapExporter } from './exporterContext';

export function useActions() {
  const session = useMapSession();
  const ui = useUiStore();
  const t = useT();
  const bridge = canvasBridgeFor(session);
  const exporter = useMapExporter();
  const ctx = useMemo<ActionContext>(
    () => ({
      session,
      ui,
      t,
      clipboard: appClipboard,
      exporter,
      get fitView() {
        return bridge.getState().fitView;
      },
    }),
    [session, ui, t, bridge, exporter],
  );
  const run = useCallback(
    async <N extends ActionName>(name: N, ...payload: PayloadArgs<N>) => {
      const problem = await runAction(actionByName(name), ctx, ...payload);
      if (problem) showNotice(bridge, problem);
    },
    [ctx, bridge],
  );
  return { ctx, run, bridge };
}

export const isMac = () => /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');
