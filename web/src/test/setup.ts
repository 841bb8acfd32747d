// Vitest set-up: the real i18n resources, Japanese, and a clean DOM after each test.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import '../i18n';
import { setLanguage } from '../i18n';

afterEach(() => {
  cleanup();
  setLanguage('ja');
});
