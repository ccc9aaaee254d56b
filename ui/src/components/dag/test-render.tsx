/** Component tests: render into happy-dom's document with React's `act`, and clean up after each test. */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: { root: Root; host: HTMLElement }[] = [];

afterEach(() => {
  for (const { root, host } of mounted.splice(0)) {
    act(() => root.unmount());
    host.remove();
  }
});

/** Renders `ui`; `rerender` replaces it in place (new props), as a parent would. */
export function render(ui: ReactNode): { host: HTMLElement; rerender: (next: ReactNode) => void } {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  mounted.push({ root, host });
  act(() => root.render(ui));
  return { host, rerender: (next) => act(() => root.render(next)) };
}
