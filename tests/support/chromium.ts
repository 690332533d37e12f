import { CHROMIUM_PATH, chromiumAvailable } from '../../apps/report/src/testing/chromium.js';
import { prerequisite } from './prerequisite.js';

/** The browser tests' {@link prerequisite}: Debian's Chromium at `CHROMIUM_PATH`. */
export const chromiumReady = (): boolean =>
  prerequisite(chromiumAvailable(), `Chromium at ${CHROMIUM_PATH}`, 'apt-get install -y chromium');
