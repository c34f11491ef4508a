import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Taro's own H5 Input passes a mini-program prop to the DOM; React's warning about it is noise.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('React does not recognize the `%s` prop') && args[1] === 'placeholderClass') return;
  consoleError(...args);
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
  localStorage.clear();
});
