import { byId } from './dom';

/**
 * The API key: kept in this tab's session storage (gone with the tab),
 * sent in the Authorization header only, never put in a URL.
 */
const KEY_STORAGE = 'message-stats.api-key';

export function apiKey(): string | undefined {
  return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
}

/** Shows the key form where keys are required; calls back once a key is set. */
export function setUpKeyForm(required: boolean, onKey: () => void): void {
  const keyForm = byId<HTMLFormElement>('key-form');
  keyForm.hidden = !required;
  const state = byId('key-state');
  const field = byId<HTMLInputElement>('api-key');
  const describe = () => {
    state.textContent = apiKey()
      ? 'A key is set for this tab.'
      : 'No key is set yet.';
  };
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, field.value.trim());
    field.value = '';
    field.removeAttribute('aria-invalid');
    describe();
    onKey();
  });
  byId('forget-key').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    describe();
  });
  describe();
}
