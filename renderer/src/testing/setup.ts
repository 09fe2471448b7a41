// Runs before every renderer unit test file: the fake host first (the api module reads
// window.zkdesk when it is imported), then a clean store, DOM and URL after each test.
import { afterEach } from 'vitest';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { testHost } from './testHost.js';
import { useAppStore } from '../stores/appStore.js';

afterEach(() => {
  cleanup();
  testHost.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  window.location.hash = '';
});
