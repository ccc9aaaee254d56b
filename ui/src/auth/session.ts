/** The API key of this browser tab: sessionStorage only, so closing the tab forgets it. */
const KEY = 'caesium.apiKey';

export const readApiKey = (): string | undefined => sessionStorage.getItem(KEY) ?? undefined;
export const saveApiKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetApiKey = (): void => sessionStorage.removeItem(KEY);

/** Fired on `window` when the server answers 401: the app returns to the login page. */
export const UNAUTHORIZED_EVENT = 'caesium:unauthorized';
