import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Taro's own H5 Input passes a mini-program prop to the DOM, and the React build of Taro's components (tests) hands
// `nativeProps` (for the H5 build's web components: attributes of the native <input>) to the DOM; React's warning is noise.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('React does not recognize the `%s` prop') && (args[1] === 'placeholderClass' || args[1] === 'nativeProps')) return;
  consoleError(...args);
};

// findBy*/waitFor give up after 1 s by default: on a loaded 2-core CI machine (load ~20) a render after a fetch's
// answer can take longer, which failed tests that were right. They still resolve as soon as the DOM matches; only a
// wait that is going to fail takes longer (and stays under the 60 s test timeout, so its own message is shown).
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
  localStorage.clear();
});
