// The application menu: the usual edit/view items, plus Help, Report a problem (the
// Diagnostics view) and Check for updates; the first two send the contract's app.navigate event.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { channelOf, type EventPayload, type View } from '../../preload/contract.js';

export function installAppMenu(window: () => BrowserWindow | null, actions: { checkForUpdates(): void }): void {
  const go = (view: View) => () => {
    const w = window();
    const payload: EventPayload<'app.navigate'> = { view };
    if (w && !w.isDestroyed()) w.webContents.send(channelOf('app.navigate'), payload);
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      label: 'Help',
      submenu: [
        { label: 'zkdesk Help', accelerator: 'F1', click: go('help') },
        { label: 'Report a problem…', click: go('diagnostics') },
        { type: 'separator' },
        { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
