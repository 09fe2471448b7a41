// "Load input from file": the file is read here in the page (File.text()), so it works the same
// in the desktop app and in a browser on `zkdesk serve`; nothing but its text reaches the store.
import type { ChangeEvent } from 'react';
import { useAppStore } from '../../stores/appStore.js';

export function InputFileLoader() {
  const loadInputFile = useAppStore((s) => s.loadInputFile);
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    loadInputFile(file.name, await file.text());
    // Choosing the same file again (after editing it on disk) must fire change again.
    input.value = '';
  };
  return (
    <div className="field input-file">
      <label htmlFor="input-file">Load input from file (JSON)</label>
      <input id="input-file" type="file" accept=".json,application/json" onChange={(e) => void choose(e)} />
    </div>
  );
}
